package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
	lessonrun "github.com/cachepit/cachepit/run"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// lessonJS reads what a lesson page shows of its lesson: its title, the
// request counter and the what-to-notice lines, each system's figures and
// text, and the stack the code panel shows.
const lessonJS = `(() => {
	const text = (sel) => { const e = document.querySelector(sel); return e ? e.innerText.trim() : "(missing)"; };
	return {
		title: text("#lesson-title"),
		count: text("#run-count"),
		notice: [...document.querySelectorAll("#notice-lines li")].map(li => li.textContent.trim()).join("|"),
		sys0: text("#sys-0"),
		sys1: text("#sys-1"),
		stack: document.getElementById("code-stack").value,
	};
})()`

// lessonShown is what lessonJS reads.
type lessonShown struct {
	Title, Count, Notice, Sys0, Sys1, Stack string
}

// scriptsOff loads u in a new tab with JavaScript disabled, so that only
// the server's drawing shows, waits for sel and evaluates each of js in
// order into its out (a promise's value once it settles).
func scriptsOff(t *testing.T, u, sel string, width, height int64, js []string, out ...any) {
	t.Helper()
	needBrowser(t)
	ctx, cancel := chromedp.NewContext(env.browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
	defer cancelT()
	actions := []chromedp.Action{
		network.Enable(),
		network.SetBypassServiceWorker(true), // a worker installed by another test answers from its cache
		emulation.SetScriptExecutionDisabled(true),
		chromedp.EmulateViewport(width, height),
		chromedp.Navigate(u),
		chromedp.WaitVisible(sel, chromedp.ByQuery),
	}
	for i := range js {
		actions = append(actions, chromedp.Evaluate(js[i], out[i], awaited))
	}
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("loading %s with scripts off: %v", u, err)
	}
}

// onTopJS tells whether the element sel is what the page shows at its
// middle, not covered (by go-app's loader): sel must be in the viewport.
func onTopJS(sel string) string {
	return fmt.Sprintf(`(() => {
		const e = document.querySelector(%q), r = e.getBoundingClientRect();
		return e.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
	})()`, sel)
}

// awaited makes chromedp.Evaluate wait for a promise's value.
func awaited(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// TestPrerenderedLesson loads a lesson link with scripts off: what the
// browser paints before app.wasm runs is that lesson's systems at that
// request, as the engine computes them, with the lesson's text and its
// what-to-notice lines; the client's drawing, once the wasm runs, reads
// the same.
func TestPrerenderedLesson(t *testing.T) {
	const slug, at = "stale-data", 3000
	l := lesson.All[lesson.Index(slug)]
	u := fmt.Sprintf("%s/learn?lesson=%s&at=%d", env.base, slug, at)
	var server lessonShown
	var figs [2]map[string]string
	var prerendered string
	var onTop bool
	scriptsOff(t, u, "#sys-1 .card", 1440, 1000, []string{
		lessonJS, screenJS(0), screenJS(1),
		`document.querySelector("main").className + "|" + getComputedStyle(document.querySelector("main")).visibility + "|" + !!document.documentElement.getAttribute("data-ready")`,
		onTopJS("#play"),
	}, &server, &figs[0], &figs[1], &prerendered, &onTop)
	if prerendered != "prerendered|visible|false" {
		t.Errorf("main with scripts off: class|visibility|data-ready = %q; want prerendered|visible|false", prerendered)
	}
	if !onTop {
		t.Error("the server's drawing is covered (by go-app's loader)")
	}

	r, err := lessonrun.New(l.Plan(0))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Advance(at); err != nil {
		t.Fatal(err)
	}
	sims := r.Sims()
	if len(sims) != 2 {
		t.Fatalf("%s runs %d systems; the test wants a comparison", slug, len(sims))
	}
	for i := range sims {
		same(t, fmt.Sprintf("pre-rendered system %d", i), figs[i], want(i, sims[i]))
	}
	if server.Title != l.Title {
		t.Errorf("the pre-rendered lesson is titled %q; want %q", server.Title, l.Title)
	}
	if want := fmt.Sprintf("request %d of %d", at, l.End()); !strings.Contains(strings.ReplaceAll(server.Count, ",", ""), want) {
		t.Errorf("the pre-rendered counter reads %q; want %q", server.Count, want)
	}
	if want := strings.Join(l.Notice(lesson.Observe(r)), "|"); server.Notice != want {
		t.Errorf("the pre-rendered what-to-notice lines:\n%q\nwant the engine's at request %d:\n%q", server.Notice, at, want)
	}

	p := open(t, u, 1440, 1000)
	var client lessonShown
	p.eval(lessonJS, &client)
	for i := range sims {
		same(t, fmt.Sprintf("client system %d", i), p.screen(i), figs[i])
	}
	if client != server {
		t.Errorf("the client's drawing of the lesson differs from the server's:\nclient %+v\nserver %+v", client, server)
	}
	var class, title string
	p.eval(`document.querySelector("main").className`, &class)
	p.eval(`document.title`, &title)
	if class != "" {
		t.Errorf("the client's main has class %q; want none (prerendered marks only the server's)", class)
	}
	if want := l.Title + " · cachepit"; title != want {
		t.Errorf("the client's page is titled %q; want %q", title, want)
	}
}
