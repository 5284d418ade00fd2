package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestPrerenderedRun loads a playground link with scripts off: what the
// browser paints before app.wasm runs is the run the link names, as the
// engine computes it, and the same figures and sentences the client then
// draws in its place.
func TestPrerenderedRun(t *testing.T) {
	needBrowser(t)
	q := "mode=local&workers=3&writes=0.1"
	u := env.base + "/?" + q + "&at=40"
	ctx, cancel := chromedp.NewContext(env.browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
	defer cancelT()
	var server map[string]string
	var serverText, prerendered string
	var onTop bool
	err := chromedp.Run(ctx,
		network.Enable(),
		network.SetBypassServiceWorker(true), // a worker installed by another test answers from its cache
		emulation.SetScriptExecutionDisabled(true),
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(u),
		chromedp.WaitVisible(`#sys-0 .card`, chromedp.ByQuery),
		chromedp.Evaluate(screenJS(0), &server),
		chromedp.Evaluate(`document.getElementById("sys-0").innerText`, &serverText),
		chromedp.Evaluate(`document.querySelector("main").className + "|" + getComputedStyle(document.querySelector("main")).visibility + "|" + !!document.documentElement.getAttribute("data-ready")`, &prerendered),
		chromedp.Evaluate(onTopJS("#play"), &onTop),
	)
	if err != nil {
		t.Fatalf("loading %s with scripts off: %v", u, err)
	}
	if prerendered != "prerendered|visible|false" {
		t.Errorf("main with scripts off: class|visibility|data-ready = %q; want prerendered|visible|false", prerendered)
	}
	if !onTop {
		t.Error("the server's drawing is covered (by go-app's loader)")
	}
	same(t, "pre-rendered", server, want(0, native(t, q, 40)))

	p := open(t, u, 1280, 900)
	same(t, "client", p.screen(0), server)
	var clientText, class string
	p.eval(`document.getElementById("sys-0").innerText`, &clientText)
	p.eval(`document.querySelector("main").className`, &class)
	if clientText != serverText {
		t.Errorf("the client's system picture differs from the server's:\nclient %q\nserver %q", clientText, serverText)
	}
	if class != "" {
		t.Errorf("the client's main has class %q; want none (prerendered marks only the server's)", class)
	}
}
