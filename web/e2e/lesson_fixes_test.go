package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
)

// TestPostLessonIsThePost: lesson 1 replays the post's three requests, named
// by the post's URLs, stops at request 3 of 3, and Play at its end does not
// go on with another run: it plays the post again from its first request.
func TestPostLessonIsThePost(t *testing.T) {
	l := lesson.All[lesson.Index("the-post")]
	p := open(t, env.base+"/learn?lesson=the-post", 1440, 1000)
	p.waitPlayed(l)
	if got := p.text("#run-count"); got != "request 3 of 3" {
		t.Errorf("run count %q; want request 3 of 3", got)
	}
	var trace []string
	p.eval(`[...document.querySelectorAll("#sys-0 .trace li")].map(li => li.textContent.trim())`, &trace)
	want := []string{"GET /get_cache_info → worker 1", "GET /get_cache_info → worker 0", "GET / → worker 0"}
	if len(trace) != 3 {
		t.Fatalf("trace %q; want the post's three requests", trace)
	}
	for i, w := range want {
		if !strings.Contains(trace[i], fmt.Sprintf("#%d %s", 3-i, w)) {
			t.Errorf("trace line %d %q; want %q", i, trace[i], w)
		}
	}
	if got := p.text("#sys-0 .node-clients span"); strings.Contains(got, "/item/") || !strings.Contains(got, "GET /get_cache_info") {
		t.Errorf("the clients send %q; want the post's URLs", got)
	}
	if got, want := p.noticeLines(), played(t, l); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("notices %q; want %q", got, want)
	}
	if code := p.text("#code-panel"); strings.Contains(code, "/item/") || !strings.Contains(code, `@app.get("/")`) || !strings.Contains(code, "def load_item():") {
		t.Errorf("lesson 1's code panel is not the post's app (GET /, a function without arguments):\n%s", code)
	}
	// Played again at 1 req/s, the post is back at request 3 within three
	// seconds, and its first request takes the live region's words over:
	// on a loaded machine a test that looks afterwards sees neither the
	// start nor the words. The page records each state it shows instead.
	p.eval(`window.shown = []; new MutationObserver(() => {
		const now = {count: document.getElementById("run-count").textContent.trim(),
			label: document.getElementById("play").getAttribute("aria-label"),
			status: document.getElementById("status").textContent};
		const last = shown[shown.length - 1];
		if (!last || last.count !== now.count || last.label !== now.label || last.status !== now.status) shown.push(now);
	}).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true}); true`, new(bool))
	p.key(" ")
	p.waitFor(`shown.some(s => s.label === "Pause" && s.count === "request 0 of 3")`)
	var said []string
	p.eval(`shown.map(s => s.status)`, &said)
	if !slices.ContainsFunc(said, func(s string) bool { return strings.Contains(s, "ends at request 3") }) {
		t.Errorf("the live region said %q; want it to say the lesson ends at request 3", said)
	}
	p.waitPlayed(l)
	// Stopped with its script: the run itself cannot go on, so the hint
	// offers no Step past the end.
	if got := p.text("#run-hint"); !strings.Contains(got, "the end: ▶ Play replays it") || strings.Contains(got, "Step goes on") {
		t.Errorf("played again, the post's hint says %q; want it to stop at request 3 of 3, with no Step past it", got)
	}
}

// TestFixOnTheRight: the shared-cache lesson draws per-worker caches on the
// left and the fix on the right, so the comparison in words reads as a gain.
func TestFixOnTheRight(t *testing.T) {
	l := lesson.All[lesson.Index("shared-cache")]
	p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d", env.base, l.Slug, l.End()), 1440, 1000)
	p.waitPlayed(l)
	if left, right := p.text("#sys-0 h2"), p.text("#sys-1 h2"); left != "Per-worker caches" || right != "Shared cache" {
		t.Errorf("left %q, right %q; want per-worker left, shared right", left, right)
	}
	if got := p.text("#cmp-0 .remark"); !strings.HasPrefix(got, "Shared cache: ") || !strings.Contains(got, "points higher") {
		t.Errorf("hit ratio in words %q; want the fix named as the higher side", got)
	}
	if got := p.text("#cmp-1 .remark"); !strings.Contains(got, "fewer") {
		t.Errorf("database reads in words %q; want fewer", got)
	}
}

// TestLessonsSayTheirSettings: each lesson's settings are on the page in words.
func TestLessonsSayTheirSettings(t *testing.T) {
	l := lesson.All[lesson.Index("recycling")]
	p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=0", env.base, l.Slug), 1440, 1000)
	var text string
	p.eval(`document.getElementById("walkthrough").innerText`, &text)
	for _, want := range []string{"max_requests=300", "max_requests_jitter=30", l.Settings()} {
		if !strings.Contains(text, want) {
			t.Errorf("lesson 8 does not say %q", want)
		}
	}
}

// TestCardAfterRestart: after lesson 6 restarts worker 1, its card shows the
// new process's cache_info (what the engine answers), counting only the reads
// since the restart, and the worker's totals apart, labelled.
func TestCardAfterRestart(t *testing.T) {
	l := lesson.All[lesson.Index("route-by-key")]
	p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d", env.base, l.Slug, l.End()), 1440, 1000)
	p.waitPlayed(l)
	r, err := lesson.Play(l)
	if err != nil {
		t.Fatal(err)
	}
	info := r.Infos[1]
	if got := p.text("#s0-w1 .info"); got != view.InfoLine(info) {
		t.Errorf("worker 1 shows %q; the engine's cache_info %q", got, view.InfoLine(info))
	}
	if since := l.End() - l.Restarts[0].Seq; info.Hits+info.Misses > since {
		t.Errorf("cache_info %+v counts more than the %d requests since the restart", info, since)
	}
	if got := p.text("#s0-w1 .totals"); !strings.Contains(got, "over its 2 processes") {
		t.Errorf("worker 1 totals %q; want them labelled as all processes", got)
	}
}

// TestPreloadCostsReads: with --preload the database has served the master's
// warm-up before the first request, and each worker's cache_info starts with
// the master's misses.
func TestPreloadCostsReads(t *testing.T) {
	l := lesson.All[lesson.Index("immutable-data")]
	p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=0", env.base, l.Slug), 1440, 1000)
	c := l.Config()
	if got, want := p.text("#s0-origin-reads"), view.Count(int64(c.Cache)); got != want {
		t.Errorf("database reads before the first request %q; want the master's %q", got, want)
	}
	if got := p.text("#s0-w0 .info"); !strings.Contains(got, fmt.Sprintf("misses=%d", c.Cache)) {
		t.Errorf("worker 0 starts with %q; want the master's %d misses", got, c.Cache)
	}
}

// TestSharedCardAgrees: on a shared-cache card the hit ratio, named as the
// shared cache's, is that of the cache_info line it sits under.
func TestSharedCardAgrees(t *testing.T) {
	p := open(t, env.base+"/?mode=shared&at=2000", 1440, 1000)
	var cards [][2]string
	p.eval(`[...document.querySelectorAll("#sys-0 .card")].map(c => [c.querySelector(".info").textContent, c.querySelector(".ratio-text").textContent])`, &cards)
	if len(cards) == 0 {
		t.Fatal("no worker cards")
	}
	for _, c := range cards {
		var hits, misses, maxsize, currsize int64
		if _, err := fmt.Sscanf(c[0], "CacheInfo(hits=%d, misses=%d, maxsize=%d, currsize=%d)", &hits, &misses, &maxsize, &currsize); err != nil {
			t.Fatalf("info %q: %v", c[0], err)
		}
		if want := "shared cache " + view.Pct(float64(hits)/float64(hits+misses)); c[1] != want {
			t.Errorf("card shows %q under %q; want %q", c[1], c[0], want)
		}
	}
}

// TestLessonAtOutOfRange: a bad at= opens the lesson at request 0, and one
// past the end of lesson 1 (which stops with its script), or past the most
// any run goes, at its end, each with a notice giving the lesson's range.
func TestLessonAtOutOfRange(t *testing.T) {
	for _, tt := range []struct{ at, count, notice string }{
		{"-3", "request 0 of 3", "from 0 to 3, this lesson's last request"},
		{"999", "request 3 of 3", "at 999 is past the end of this lesson, which has 3 requests"},
		{"99999999999", "request 3 of 3", "past the most a lesson runs to, 20,000,000: showing this lesson's end, request 3"},
	} {
		p := open(t, env.base+"/learn?lesson=the-post&at="+tt.at, 1440, 1000)
		// It must not play by itself: paused (▶ Play offered) at the request
		// the notice names. Playing, the button would read Pause.
		if !p.holds(fmt.Sprintf(`document.getElementById("play").getAttribute("aria-label") === "Play" && document.getElementById("run-count").textContent.trim() === %q`, tt.count), 15*time.Second) {
			var state string
			p.eval(`document.getElementById("run-count").textContent + " · " + document.getElementById("play").getAttribute("aria-label")`, &state)
			t.Errorf("at=%s: %q; want %q, paused", tt.at, state, tt.count)
		}
		if got := p.text("#notice"); !strings.Contains(got, tt.notice) {
			t.Errorf("at=%s: notice %q; want %q", tt.at, got, tt.notice)
		}
	}
}
