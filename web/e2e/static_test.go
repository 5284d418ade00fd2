package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestStaticSite publishes the site for /cachepit/ and serves it with a
// plain file server under that path, as GitHub Pages does.
func TestStaticSite(t *testing.T) {
	needBrowser(t)
	out := filepath.Join(t.TempDir(), "dist")
	cmd := exec.Command(env.bin, "pages", "--base", "/cachepit/", "--out", out, "--dir", env.root)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cachepit pages: %v\n%s", err, b)
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"user-scalable=0", "maximum-scale=1", "127.0.0.1"} {
		if strings.Contains(string(index), bad) {
			t.Errorf("index.html contains %q", bad)
		}
	}
	wasmExec, err := os.ReadFile(filepath.Join(out, "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	own, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	if string(wasmExec) != string(own) {
		t.Error("dist/wasm_exec.js is not the Go toolchain's own")
	}

	mux := http.NewServeMux()
	mux.Handle("/cachepit/", http.StripPrefix("/cachepit", http.FileServer(http.Dir(out))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	staleGuard(t, srv.URL+"/cachepit/")
	staleLessonGuard(t, srv.URL+"/cachepit/learn.html")

	q := "mode=shared&workers=3"
	p := open(t, srv.URL+"/cachepit/?"+q+"&at=2000", 1280, 900)
	same(t, "static site", p.screen(0), want(0, native(t, q, 2000)))
	p.click("#step")
	p.waitFor(`document.getElementById("s0-seq").textContent.trim() === "2,001"`)
	var path string
	p.eval(`location.pathname`, &path)
	if path != "/cachepit/" {
		t.Errorf("after a step the page moved to %q; want /cachepit/", path)
	}

	// Once loaded, it keeps working offline: the service worker serves it.
	p.eval(`navigator.serviceWorker.ready.then(() => window.cpWorkerReady = true)`, new(any))
	p.waitFor(`window.cpWorkerReady === true`)
	srv.Close()
	q2 := "workers=5&writes=0.1"
	if err := chromedp.Run(p.ctx, chromedp.Navigate(srv.URL+"/cachepit/?"+q2+"&at=700")); err != nil {
		t.Fatalf("offline reload: %v", err)
	}
	p.waitReady()
	same(t, "offline", p.screen(0), want(0, native(t, q2, 700)))

	// The lessons and the handout work offline too, though this server
	// answers /learn only as learn.html: the worker cached them from there.
	l := lesson.All[lesson.Index("stale-data")]
	if err := chromedp.Run(p.ctx, chromedp.Navigate(srv.URL+"/cachepit/learn?lesson=stale-data&at=5000")); err != nil {
		t.Fatalf("offline lesson: %v", err)
	}
	p.waitReady()
	p.waitPlayed(l)
	if got, want := p.noticeLines(), played(t, l); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("offline lesson notices %q; want %q", got, want)
	}
	if err := chromedp.Run(p.ctx, chromedp.Navigate(srv.URL+"/cachepit/handout")); err != nil {
		t.Fatalf("offline handout: %v", err)
	}
	p.waitReady()
	var n int
	p.eval(`document.querySelectorAll(".handout-lesson").length`, &n)
	if n != len(lesson.All) {
		t.Errorf("the offline handout shows %d lessons; want %d", n, len(lesson.All))
	}
}

// staleGuard loads the static playground at base while app.wasm is still
// on its way (its request held) and when it fails (blocked). The page
// pre-rendered for no settings is what the reader sees when the address
// names none, with go-app's loader as a badge in a corner; it is hidden
// when the address names settings, since it would show another run, and
// go-app's loader covers the page; a failed load covers it with the error.
// What is seen is what the browser finds on top at the middle of the first
// worker card, not a computed style.
func staleGuard(t *testing.T, base string) {
	t.Helper()
	const seen = `(() => {
		const card = document.querySelector("main.prerendered #sys-0 .card");
		const r = card.getBoundingClientRect();
		const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		const where = top && top.closest("main.prerendered") ? "drawing" : top && top.closest("#app-wasm-loader") ? "loader" : "other";
		const shown = performance.getEntriesByName("cachepit:shown").length ? " marked shown" : "";
		return where + " " + getComputedStyle(document.querySelector("main.prerendered")).visibility + shown;
	})()`
	for _, tt := range []struct {
		query string
		block bool // app.wasm fails rather than being held
		want  string
	}{
		{"", false, "drawing visible marked shown"},
		{"?workers=2", false, "loader hidden"},
		{"", true, "loader visible marked shown"},
	} {
		ctx, cancel := chromedp.NewContext(env.browser)
		ctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
		hold := chromedp.Tasks{fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/app.wasm"}})} // paused, never continued
		wait := chromedp.WaitReady(`main.prerendered #sys-0`, chromedp.ByQuery)
		if tt.query == "" {
			var marked bool
			wait = chromedp.Poll(`performance.getEntriesByName("cachepit:shown").length > 0`, &marked, chromedp.WithPollingTimeout(10*time.Second))
		}
		if tt.block {
			hold = chromedp.Tasks{network.SetBlockedURLs().WithURLPatterns([]*network.BlockPattern{{URLPattern: "*://*:*/*/app.wasm", Block: true}})}
			wait = chromedp.WaitReady(`#app-wasm-loader-icon:not(.goapp-spin)`, chromedp.ByQuery) // go-app stops the spin on failure
		}
		var got string
		err := chromedp.Run(ctx,
			network.Enable(),
			network.SetBypassServiceWorker(true),
			hold,
			cdppage.BringToFront(), // a background tab paints no frames
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(base+tt.query),
			wait,
			chromedp.Evaluate(seen, &got),
		)
		cancelT()
		cancel()
		if err != nil {
			t.Fatalf("static page %q, app.wasm blocked %v: %v", tt.query, tt.block, err)
		}
		if got != tt.want {
			t.Errorf("static page %q, app.wasm blocked %v: on top of the first card %q; want %q (what is there, the drawing's visibility)", tt.query, tt.block, got, tt.want)
		}
	}
}

// staleLessonGuard loads the static /learn page (the file a host answers
// /learn with) without app.wasm: it was drawn for no lesson, as the list
// of lessons, which shows at its own address and is hidden at a lesson's.
func staleLessonGuard(t *testing.T, page string) {
	t.Helper()
	for _, tt := range []struct{ query, want string }{
		{"", "visible"},
		{"?lesson=stale-data&at=3000", "hidden"},
	} {
		ctx, cancel := chromedp.NewContext(env.browser)
		ctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
		var got string
		err := chromedp.Run(ctx,
			network.Enable(),
			network.SetBypassServiceWorker(true),
			network.SetBlockedURLs().WithURLPatterns([]*network.BlockPattern{{URLPattern: "*://*:*/*/app.wasm", Block: true}}),
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(page+tt.query),
			chromedp.WaitReady(`main.prerendered #lesson-index`, chromedp.ByQuery),
			chromedp.Evaluate(`getComputedStyle(document.querySelector("main.prerendered")).visibility`, &got),
		)
		cancelT()
		cancel()
		if err != nil {
			t.Fatalf("static lesson page %q without app.wasm: %v", tt.query, err)
		}
		if got != tt.want {
			t.Errorf("static lesson page %q without app.wasm: the list of lessons drawn for /learn is %s; want %s", tt.query, got, tt.want)
		}
	}
}
