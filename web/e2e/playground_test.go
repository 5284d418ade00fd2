package e2e

import (
	"fmt"
	"maps"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// native runs the engine in this process: the settings of query, n requests.
func native(t *testing.T, query string, n int) *sim.Sim {
	t.Helper()
	cfg, err := sim.ParseQuery(query)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", query, err)
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.Run(n)
	return s
}

// screen reads the numbers one system shows.
func (p *page) screen(sys int) map[string]string {
	p.t.Helper()
	var got map[string]string
	p.eval(screenJS(sys), &got)
	return got
}

// screenJS reads what screen returns, for a tab without a page.
func screenJS(sys int) string {
	return fmt.Sprintf(`(() => {
		const out = {};
		for (const k of ["seq", "hit-ratio", "origin-reads", "stale", "entries"]) {
			const el = document.getElementById("s%[1]d-" + k);
			out[k] = el ? el.textContent.trim() : "(missing)";
		}
		document.querySelectorAll("#sys-%[1]d .card").forEach(c => { out[c.id] = c.querySelector(".info").textContent.trim(); });
		return out;
	})()`, sys)
}

// want is what the screen must show for s.
func want(sys int, s *sim.Sim) map[string]string {
	st := s.Stats()
	m := map[string]string{
		"seq":          view.Count(st.Seq),
		"hit-ratio":    view.Pct(st.HitRatio),
		"origin-reads": view.Count(st.Origin.Reads),
		"stale":        view.Count(st.Total.Stale),
		"entries":      view.Count(st.Memory.Entries),
	}
	for i := range min(s.Config().Workers, view.MaxCards) {
		m[fmt.Sprintf("s%d-w%d", sys, i)] = view.InfoLine(s.Info(i))
	}
	return m
}

// settled is the screen once it shows want, or after 5 s whatever it shows:
// the address bar changes in the click's handler, the page a render later.
func (p *page) settled(sys int, want map[string]string) map[string]string {
	p.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := p.screen(sys)
		if maps.Equal(got, want) || time.Now().After(deadline) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func same(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: screen has %d values, engine %d: %v", what, len(got), len(want), got)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s %s: screen %q; engine %q", what, k, got[k], w)
		}
	}
}

func TestEachMode(t *testing.T) {
	for _, mode := range sim.Modes {
		t.Run(mode, func(t *testing.T) {
			q := "mode=" + mode + "&writes=0.05"
			p := open(t, env.base+"/?"+q+"&at=5000", 1440, 1000)
			same(t, mode, p.screen(0), want(0, native(t, q, 5000)))
		})
	}
}

func TestFlipSharedCache(t *testing.T) {
	p := open(t, env.base+"/?at=3000", 1440, 1000)
	same(t, "per-worker", p.screen(0), want(0, native(t, "", 3000)))
	p.click("#flip-shared")
	p.waitFor(`document.querySelector("#sys-0.mode-shared") !== null`)
	same(t, "shared", p.screen(0), want(0, native(t, "mode=shared", 3000)))
	var search string
	p.eval(`location.search`, &search)
	if v, _ := url.ParseQuery(strings.TrimPrefix(search, "?")); v.Get("mode") != "shared" || v.Get("at") != "3000" {
		t.Errorf("URL after the flip: %q; want mode=shared and at=3000", search)
	}
}

func TestBlogReplay(t *testing.T) {
	p := open(t, env.base+"/?at=0", 1440, 1000)
	for _, mode := range []string{"local", "shared"} {
		if mode == "shared" {
			p.click("#flip-shared")
			p.waitFor(`document.querySelector("#sys-0.mode-shared") !== null`)
		}
		steps, err := sim.Blog(mode)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range steps {
			if got := p.text(fmt.Sprintf("#blog-%d", i)); got != s.Answer {
				t.Errorf("%s: request %d answer on screen %q; engine %q", mode, i, got, s.Answer)
			}
			var w string
			p.eval(fmt.Sprintf(`document.getElementById("blog-%d").dataset.worker`, i), &w)
			if w != fmt.Sprint(s.Worker) {
				t.Errorf("%s: request %d answered by worker %s on screen; engine %d", mode, i, w, s.Worker)
			}
		}
		verdict := p.text("#blog-verdict")
		agree := steps[1].Answer == steps[2].Answer
		if agree != strings.Contains(verdict, "same answer") {
			t.Errorf("%s: verdict %q, but the engine's answers agree=%v", mode, verdict, agree)
		}
		if mode == "local" && agree {
			t.Errorf("per-worker caches: the post's two answers agree (%q); the pitfall is gone", steps[1].Answer)
		}
	}
}

func TestURLRoundTrip(t *testing.T) {
	q := "workers=6&cache=50&seed=7&writes=0.05&dist=hotset"
	p := open(t, env.base+"/?"+q+"&at=1000", 1440, 1000)
	for i := range 3 { // each click one request, waited for, so a lost click is named
		p.click("#step")
		p.waitFor(fmt.Sprintf(`document.getElementById("s0-seq").textContent.trim() === "1,00%d"`, i+1))
	}
	var search string
	p.eval(`location.search`, &search)
	v, err := url.ParseQuery(strings.TrimPrefix(search, "?"))
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range strings.Split(q+"&at=1003", "&") {
		k, val, _ := strings.Cut(kv, "=")
		if v.Get(k) != val {
			t.Errorf("URL %q: %s=%q; want %q", search, k, v.Get(k), val)
		}
	}
	first := p.screen(0)
	same(t, "after 3 steps", first, want(0, native(t, q, 1003)))
	again := open(t, env.base+"/"+search, 1440, 1000)
	same(t, "the link opened again", again.screen(0), first)

	// A setting changed on screen lands in the URL and restarts the run from 0.
	p.eval(`(() => { const el = document.getElementById("f-workers"); el.value = "3"; el.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, new(bool))
	p.waitFor(`document.querySelectorAll("#sys-0 .card").length === 3`)
	p.eval(`location.search`, &search)
	if v, _ := url.ParseQuery(strings.TrimPrefix(search, "?")); v.Get("workers") != "3" || v.Get("cache") != "50" {
		t.Errorf("URL after setting workers=3: %q", search)
	}
}

func TestBadURLValue(t *testing.T) {
	p := open(t, env.base+"/?workers=abc&mode=bogus&cache=50&at=500", 1440, 1000)
	notice := p.text("#notice")
	for _, field := range []string{"workers", "mode"} {
		if !strings.Contains(notice, field) {
			t.Errorf("notice %q does not name %s", notice, field)
		}
	}
	if strings.Contains(notice, "cache:") || strings.Contains(notice, "cache must") {
		t.Errorf("notice %q blames cache=50, which is valid", notice)
	}
	same(t, "fallback", p.screen(0), want(0, native(t, "cache=50", 500)))
	p.shot("bad-url-notice", false)
}

func TestCompare(t *testing.T) {
	p := open(t, env.base+"/?compare=true&at=20000", 1440, 1000)
	local, shared := native(t, "", 20000), native(t, "mode=shared", 20000)
	same(t, "left", p.screen(0), want(0, local))
	same(t, "right", p.screen(1), want(1, shared))
	if row := p.text("#cmp-1"); !strings.Contains(row, view.Count(local.Stats().Origin.Reads)) || !strings.Contains(row, view.Count(shared.Stats().Origin.Reads)) {
		t.Errorf("database reads row %q lacks the engine's %d and %d", row, local.Stats().Origin.Reads, shared.Stats().Origin.Reads)
	}
	// Every chart is drawn, with both systems' lines holding points.
	var charts []struct {
		ID     string
		Height float64
		Lines  []int
	}
	p.eval(`[...document.querySelectorAll("figure.chart")].map(f => ({
		ID: f.id,
		Height: f.querySelector("svg").getBoundingClientRect().height,
		Lines: [...f.querySelectorAll("polyline")].map(l => l.points.numberOfItems),
	}))`, &charts)
	if len(charts) != 6 { // hit ratio, database reads, entries, stale reads, response time, backlog
		t.Errorf("%d charts drawn; want 6", len(charts))
	}
	for _, c := range charts {
		if c.Height < 50 || len(c.Lines) < 2 {
			t.Errorf("chart %s: %.0f px high, lines %v; want a visible chart with both systems", c.ID, c.Height, c.Lines)
		}
		for _, n := range c.Lines {
			if n < 10 {
				t.Errorf("chart %s: a line has %d points after 20,000 requests; want at least 10", c.ID, n)
			}
		}
	}
	p.shot("compare-desktop", true)
	p.shot("compare-desktop-top", false)
}

func TestPhone(t *testing.T) {
	p := open(t, env.base+"/?at=3000", 390, 844)
	same(t, "phone", p.screen(0), want(0, native(t, "", 3000)))
	var overflow bool
	p.eval(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow)
	if overflow {
		t.Error("the page scrolls sideways at 390 px")
	}
	p.shot("phone-top", false)
	p.shot("phone-full", true)
}

func TestRestartWorker(t *testing.T) {
	q := "writes=0.05"
	p := open(t, env.base+"/?"+q+"&at=1000", 1440, 1000)
	p.click("#s0-w1 .icon-btn")
	p.waitFor(`document.querySelector("#s0-w1 .gen") !== null`)
	s := native(t, q, 1000)
	if err := s.Restart(1); err != nil {
		t.Fatal(err)
	}
	same(t, "after restarting worker 1", p.screen(0), want(0, s))
	var search string
	p.eval(`location.search`, &search)
	if v, _ := url.ParseQuery(strings.TrimPrefix(search, "?")); v.Get("restarts") != "1000.1" {
		t.Errorf("URL after the restart: %q; want restarts=1000.1", search)
	}
	// The link replays the restart.
	p.click("#step")
	s.Step()
	p.waitFor(`location.search.includes("at=1001")`)
	p.eval(`location.search`, &search)
	again := open(t, env.base+"/"+search, 1440, 1000)
	same(t, "the link opened again", again.screen(0), want(0, s))
}

// Playing at full speed and pausing leaves a screen, and a link, that match
// the engine at the request where it stopped: batches and partial redraws
// change nothing.
func TestPlayFastThenPause(t *testing.T) {
	q := "workers=16&writes=0.05"
	p := open(t, env.base+"/?"+q+"&at=0", 1440, 1000)
	p.eval(`(() => { const s = document.getElementById("speed"); s.value = s.max; s.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, new(bool))
	p.click("#play")
	p.waitFor(`Number(document.getElementById("sys-0").dataset.seq) > 50000`)
	p.click("#play")
	p.waitFor(`location.search.includes("at=")`)
	var search string
	p.eval(`location.search`, &search)
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	var at int
	if _, err := fmt.Sscan(v.Get("at"), &at); err != nil || at <= 50000 {
		t.Fatalf("URL after pausing: %q; want at= past 50,000", search)
	}
	w := want(0, native(t, q, at))
	same(t, "paused after full speed", p.settled(0, w), w)
}

// TestPlaygroundAccessible runs axe-core on the playground, single and
// compared, at desktop and phone widths: no serious or critical violations.
func TestPlaygroundAccessible(t *testing.T) {
	src := axeSource(t)
	for _, q := range []string{"?writes=0.05&at=3000", "?compare=true&at=3000"} {
		for _, w := range []int64{1440, 390} {
			p := open(t, env.base+"/"+q, w, 900)
			p.axe(src, fmt.Sprintf("playground %s at %d px", q, w))
		}
	}
}
