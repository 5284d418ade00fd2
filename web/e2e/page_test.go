package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// page is one browser tab that records console errors, failed responses and
// requests to other origins; the test fails on any of them at the end.
type page struct {
	t    *testing.T
	ctx  context.Context
	mu   sync.Mutex
	bad  []string
	host string
}

// open loads u in a new tab at the given width and waits until the wasm
// runs and the page is whole: the loader is gone, the page set data-ready,
// which only the running client does (pre-rendered markup proves nothing),
// and the playground's panels are built.
func open(t *testing.T, u string, width, height int64) *page {
	t.Helper()
	return openFor(t, u, width, height, 60*time.Second)
}

// openFor is open with a time budget of its own; 0 is for a test that
// plays lessons in one tab for as long as the machine takes: its waits give
// up when the run stops moving (waitPaused), and the tab lasts up to
// longTab, ending a minute before go test's -timeout would kill the binary
// with no word of where the page stood.
func openFor(t *testing.T, u string, width, height int64, budget time.Duration) *page {
	t.Helper()
	needBrowser(t)
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	if budget <= 0 {
		budget = longTab
		if d, ok := t.Deadline(); ok {
			budget = min(budget, time.Until(d)-time.Minute)
		}
	}
	ctx, cancel := chromedp.NewContext(env.browser)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, budget)
	t.Cleanup(cancelT)
	p := &page{t: t, ctx: ctx, host: pu.Host}
	chromedp.ListenTarget(ctx, p.listen)
	t.Cleanup(p.check)
	err = chromedp.Run(ctx,
		network.Enable(),
		chromedp.EmulateViewport(width, height),
		chromedp.Navigate(u),
	)
	if err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	p.waitReady()
	return p
}

// longTab is the most a tab opened with no budget (openFor's 0) lasts:
// TestLessonsByKeyboard plays every lesson in one tab, about 80 s on a
// quiet machine and several times that on a loaded one.
const longTab = 15 * time.Minute

func (p *page) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p.bad = append(p.bad, "console error: "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		p.bad = append(p.bad, "exception: "+e.ExceptionDetails.Error())
	case *network.EventRequestWillBeSent:
		if u, err := url.Parse(e.Request.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ws" || u.Scheme == "wss") && u.Host != p.host {
			p.bad = append(p.bad, "request to another origin: "+e.Request.URL)
		}
	case *network.EventResponseReceived:
		if e.Response.Status >= 400 {
			p.bad = append(p.bad, fmt.Sprintf("HTTP %d for %s", e.Response.Status, e.Response.URL))
		}
	}
}

func (p *page) check() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, b := range p.bad {
		p.t.Error(b)
	}
}

func (p *page) waitReady() {
	p.t.Helper()
	var gone bool
	err := chromedp.Run(p.ctx,
		chromedp.WaitReady(`html[data-ready]`),
		// the playground builds its panels below the system picture after
		// the first paint, in place of #panels-pending
		chromedp.Poll(`document.getElementById("app-wasm-loader") === null && document.getElementById("panels-pending") === null`,
			&gone, chromedp.WithPollingTimeout(30*time.Second),
			chromedp.WithPollingInterval(50*time.Millisecond)), // a hidden tab has no animation frames to poll in
	)
	if err != nil {
		p.t.Fatalf("the wasm client did not start: %v", err)
	}
}

// text is the visible text of the first element matching sel.
func (p *page) text(sel string) string {
	p.t.Helper()
	var s string
	if err := chromedp.Run(p.ctx, chromedp.Text(sel, &s, chromedp.ByQuery)); err != nil {
		p.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// eval runs a JavaScript expression and stores its result in out.
func (p *page) eval(js string, out any) {
	p.t.Helper()
	if err := chromedp.Run(p.ctx, chromedp.Evaluate(js, out)); err != nil {
		p.t.Fatalf("eval %s: %v", js, err)
	}
}

func (p *page) click(sel string) {
	p.t.Helper()
	p.front()
	if err := chromedp.Run(p.ctx, chromedp.Click(sel, chromedp.ByQuery)); err != nil {
		p.t.Fatalf("click %s: %v", sel, err)
	}
}

// waitFor polls a JavaScript condition.
func (p *page) waitFor(js string) {
	p.t.Helper()
	var ok bool
	p.front()
	if err := chromedp.Run(p.ctx, chromedp.Poll(js, &ok, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		p.t.Fatalf("waiting for %s: %v", js, err)
	}
}

// shot saves a screenshot of the viewport (or the whole page) under env.shots.
func (p *page) shot(name string, full bool) {
	p.t.Helper()
	var buf []byte
	p.front()
	action := chromedp.CaptureScreenshot(&buf)
	if full {
		action = chromedp.FullScreenshot(&buf, 100)
	}
	if err := chromedp.Run(p.ctx, action); err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(env.shots, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s", path)
}

// front brings the tab to the front: a background tab draws no frames, so
// the page would neither update nor take screenshots.
func (p *page) front() {
	p.t.Helper()
	if err := chromedp.Run(p.ctx, cdppage.BringToFront()); err != nil {
		p.t.Fatalf("bring to front: %v", err)
	}
}
