package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestTheoryBesidePractice: the lesson shows Che's predictions for N caches
// of C and for one of N*C, beside the hit ratios measured on screen.
func TestTheoryBesidePractice(t *testing.T) {
	l := lesson.All[lesson.Index("memory")]
	c := l.Config()
	p := open(t, env.base+"/learn?lesson=memory&at=20000", 1440, 1000)
	p.waitPlayed(l)
	s, shared := native(t, l.Query, 20000), native(t, view.Partner(c).Query(), 20000)
	for id, want := range map[string]string{
		"#theory-local-predicted":  view.Pct(sim.Che(c, c.Cache)),
		"#theory-shared-predicted": view.Pct(sim.Che(c, c.Workers*c.Cache)),
		"#theory-local-measured":   view.Pct(s.Stats().HitRatio),
		"#theory-shared-measured":  view.Pct(shared.Stats().HitRatio),
	} {
		if got := p.text(id); got != want {
			t.Errorf("%s = %q; want %q", id, got, want)
		}
	}
	if a, b := sim.Che(c, c.Cache), sim.Che(c, c.Workers*c.Cache); b < a+0.1 {
		t.Errorf("the lesson's point is lost: Che %.3f for %d, %.3f for %d", a, c.Cache, b, c.Workers*c.Cache)
	}
}

// TestEmbed shows only the live systems: no header, prose or controls.
func TestEmbed(t *testing.T) {
	l := lesson.All[lesson.Index("stale-data")]
	p := open(t, env.base+"/learn?lesson=stale-data&at=5000&embed=1", 800, 600)
	p.waitFor(`document.getElementById("s0-seq") !== null && document.getElementById("s0-seq").textContent.trim() === "5,000"`)
	var chrome int
	p.eval(`document.querySelectorAll("header.top, nav, .lesson-text, .lesson-bar, .take-away, footer, .question").length`, &chrome)
	if chrome != 0 {
		t.Errorf("embed mode shows %d pieces of page chrome", chrome)
	}
	same(t, "embedded", p.screen(0), want(0, native(t, l.Query, 5000)))
	same(t, "embedded partner", p.screen(1), want(1, native(t, view.Partner(l.Config()).Query(), 5000)))
}

// TestHandout lists every lesson with the figures the engine gives at its end.
func TestHandout(t *testing.T) {
	p := open(t, env.base+"/handout", 1280, 900)
	for _, l := range lesson.All {
		var got []string
		p.eval(fmt.Sprintf(`[...document.querySelectorAll("#handout-%s .notice-lines li")].map(li => li.textContent.trim())`, l.Slug), &got)
		if want := played(t, l); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("handout %s: %q; want %q", l.Slug, got, want)
		}
		var text, answer string
		p.eval(fmt.Sprintf(`document.getElementById("handout-%s").textContent`, l.Slug), &text)
		if !strings.Contains(text, l.Question) || !strings.Contains(text, l.Prose[0]) {
			t.Errorf("handout %s lacks its prose or question", l.Slug)
		}
		if strings.Contains(text, l.Answer) {
			t.Errorf("handout %s prints its answer under the question", l.Slug)
		}
		p.eval(fmt.Sprintf(`document.getElementById("answer-%s").textContent`, l.Slug), &answer)
		if !strings.Contains(answer, l.Answer) {
			t.Errorf("the answer sheet lacks lesson %s's answer", l.Slug)
		}
	}
	if err := chromedp.Run(p.ctx, emulation.SetEmulatedMedia().WithMedia("print")); err != nil {
		t.Fatal(err)
	}
	if p.visible("#print") || p.visible(".top-links") {
		t.Error("the print button and links show in print")
	}
	p.shot("handout-print", false)
}

// TestHandoutPhone: on a phone every line of the handout's text stays inside
// its column; the post's long address broke only at its hyphens and ran
// past the margin.
func TestHandoutPhone(t *testing.T) {
	p := open(t, env.base+"/handout", 375, 667)
	p.waitReady()
	var out []string
	p.eval(`(() => {
		const main = document.querySelector("main");
		const edge = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
		return [...main.querySelectorAll("p, li, a, h1, h2, h3")].filter(e => e.getBoundingClientRect().right > edge + 1)
			.map(e => e.tagName + " " + e.textContent.trim().slice(0, 60));
	})()`, &out)
	if len(out) > 0 {
		t.Errorf("at 375 px these run past the handout's column: %q", out)
	}
	p.noSideways("the handout", 375)
}

// TestReducedMotion: with prefers-reduced-motion nothing animates, and the
// lesson tells the same numbers.
func TestReducedMotion(t *testing.T) {
	l := lesson.All[lesson.Index("cold-misses")]
	p := open(t, env.base+"/learn?lesson=the-post", 1280, 900)
	err := chromedp.Run(p.ctx, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}))
	if err != nil {
		t.Fatal(err)
	}
	p.key(kb.ArrowRight)
	p.waitPlayed(l)
	var moving []string
	p.eval(`[...document.querySelectorAll("*")].filter(e => { const s = getComputedStyle(e);
		return s.animationName !== "none" || s.transitionDuration.split(",").some(d => parseFloat(d) > 0) }).map(e => e.tagName + "." + e.className)`, &moving)
	if len(moving) > 0 {
		t.Errorf("with reduced motion these still animate: %v", moving)
	}
	if got, want := p.noticeLines(), played(t, l); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("reduced motion notices %q; want %q", got, want)
	}
}

// TestLiveRegionThrottled: at full speed the live region speaks about once
// a second, not on every frame; a single step speaks at once.
func TestLiveRegionThrottled(t *testing.T) {
	// Past its end, the lesson goes on without a limit when played (at its
	// end, Play would play it again from the start).
	p := open(t, env.base+"/learn?lesson=memory&at=20001", 1280, 900)
	p.eval(`window.__said = []; new MutationObserver(() => window.__said.push(document.getElementById("status").textContent))
		.observe(document.getElementById("status"), {childList: true, characterData: true, subtree: true}); true`, new(bool))
	p.eval(`document.getElementById("lesson-speed").value = "10"; document.getElementById("lesson-speed").dispatchEvent(new Event("change", {bubbles: true})); true`, new(bool))
	p.key(" ")
	time.Sleep(3 * time.Second)
	p.key(" ")
	var said []string
	p.eval(`window.__said`, &said)
	var seq string
	p.eval(`document.getElementById("run-count").textContent`, &seq)
	if !strings.Contains(seq, "then more") {
		t.Fatalf("the run did not play on: %q", seq)
	}
	t.Logf("%d announcements in 3 s: %q", len(said), said)
	// Play, about three timed announcements, pause.
	if len(said) < 3 || len(said) > 7 {
		t.Errorf("%d announcements in 3 s at full speed: %q", len(said), said)
	}
}

// TestFocusVisible: tabbing shows where the focus is, on every kind of control.
func TestFocusVisible(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=cold-misses&at=400", 1280, 900)
	seen := map[string]bool{}
	for range 40 {
		p.key(kb.Tab)
		var f struct {
			Tag, ID, Outline string
		}
		p.eval(`(() => { const e = document.activeElement; const s = getComputedStyle(e);
			return {Tag: e.tagName, ID: e.id, Outline: s.outlineStyle + " " + s.outlineWidth} })()`, &f)
		if f.Tag == "BODY" {
			continue
		}
		seen[f.Tag] = true
		if strings.HasPrefix(f.Outline, "none") || strings.HasSuffix(f.Outline, " 0px") {
			t.Errorf("%s#%s has focus but no visible outline (%s)", f.Tag, f.ID, f.Outline)
		}
	}
	for _, tag := range []string{"A", "BUTTON", "SELECT"} {
		if !seen[tag] {
			t.Errorf("tabbing never reached a %s: %v", tag, seen)
		}
	}
}

// TestStaticLessons publishes the site under /cachepit/ and serves it the way
// GitHub Pages does (/learn is answered by learn.html): lesson links, the
// lesson navigation and the handout work there.
func TestStaticLessons(t *testing.T) {
	needBrowser(t)
	out := filepath.Join(t.TempDir(), "dist")
	cmd := exec.Command(env.bin, "pages", "--base", "/cachepit/", "--out", out, "--dir", env.root)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cachepit pages: %v\n%s", err, b)
	}
	for _, name := range []string{"learn.html", "handout.html"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		// the generating server's loopback address (og:url); the snippets' redis://127.0.0.1 is content
		for _, bad := range []string{"user-scalable=0", "http://127.0.0.1"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
	files := http.StripPrefix("/cachepit", http.FileServer(http.Dir(out)))
	mux := http.NewServeMux()
	mux.HandleFunc("/cachepit/", func(w http.ResponseWriter, r *http.Request) {
		if p := strings.TrimPrefix(r.URL.Path, "/cachepit"); p != "/" && filepath.Ext(p) == "" {
			if _, err := os.Stat(filepath.Join(out, p+".html")); err == nil {
				r.URL.Path += ".html" // as GitHub Pages answers /learn
			}
		}
		files.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	l := lesson.All[lesson.Index("stale-data")]
	p := open(t, srv.URL+"/cachepit/learn?lesson=stale-data&at=5000", 1280, 900)
	p.waitPlayed(l)
	if got, want := p.noticeLines(), played(t, l); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("static lesson notices %q; want %q", got, want)
	}
	var href string
	p.eval(`document.querySelector(".lesson-nav li:nth-child(5) a").getAttribute("href")`, &href)
	if href != "/cachepit/learn?lesson=shared-cache" {
		t.Errorf("lesson 5's link is %q; want it under /cachepit/", href)
	}
	p.key(kb.ArrowRight)
	p.waitPlayed(lesson.All[lesson.Index("shared-cache")])
	var path string
	p.eval(`location.pathname`, &path)
	if path != "/cachepit/learn" {
		t.Errorf("after the next lesson the page is at %q", path)
	}
	h := open(t, srv.URL+"/cachepit/handout", 1280, 900)
	var n int
	h.eval(`document.querySelectorAll(".handout-lesson").length`, &n)
	if n != len(lesson.All) {
		t.Errorf("the static handout shows %d lessons", n)
	}
}

// TestPlaygroundTheory: the playground too sets Che's predictions beside the
// measured hit ratio, and leaves them out for key spaces too large to
// predict at once.
func TestPlaygroundTheory(t *testing.T) {
	c := sim.Default()
	p := open(t, env.base+"/?at=20000", 1440, 1000)
	if got, want := p.text("#theory-local-predicted"), view.Pct(sim.Che(c, c.Cache)); got != want {
		t.Errorf("predicted per-worker %q; want %q", got, want)
	}
	if got, want := p.text("#theory-shared-predicted"), view.Pct(sim.Che(c, c.Workers*c.Cache)); got != want {
		t.Errorf("predicted shared %q; want %q", got, want)
	}
	if got, want := p.text("#theory-local-measured"), view.Pct(native(t, "", 20000).Stats().HitRatio); got != want {
		t.Errorf("measured %q; want %q", got, want)
	}
	big := open(t, fmt.Sprintf("%s/?keys=%d&at=10", env.base, view.TheoryMaxKeys+1), 1440, 1000)
	if big.visible("#theory") {
		t.Errorf("a theory panel for %d keys", view.TheoryMaxKeys+1)
	}
}
