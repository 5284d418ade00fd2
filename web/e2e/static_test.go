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
	"github.com/chromedp/cdproto/network"
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

// staleGuard loads the static playground at base without app.wasm: the
// page pre-rendered for no settings shows when the address names none and
// is hidden when it names some, since it would show another run.
func staleGuard(t *testing.T, base string) {
	t.Helper()
	for _, tt := range []struct{ query, want string }{
		{"", "visible 4"},
		{"?workers=2", "hidden 4"},
	} {
		ctx, cancel := chromedp.NewContext(env.browser)
		ctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
		var got string
		err := chromedp.Run(ctx,
			network.Enable(),
			network.SetBypassServiceWorker(true),
			network.SetBlockedURLs().WithURLPatterns([]*network.BlockPattern{{URLPattern: "*://*:*/*/app.wasm", Block: true}}),
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(base+tt.query),
			chromedp.WaitReady(`main.prerendered #sys-0`, chromedp.ByQuery),
			chromedp.Evaluate(`getComputedStyle(document.querySelector("main.prerendered")).visibility + " " + document.querySelectorAll("#sys-0 .card").length`, &got),
		)
		cancelT()
		cancel()
		if err != nil {
			t.Fatalf("static page %q without app.wasm: %v", tt.query, err)
		}
		if got != tt.want {
			t.Errorf("static page %q without app.wasm: pre-rendered main %q; want %q (visibility, cards)", tt.query, got, tt.want)
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
