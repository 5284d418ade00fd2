package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
)

// TestRestartSeenAtEnd: lesson 6 played to its end in the browser leaves
// its restart's effect on the first screen: above the worker cards, worker
// 1's hit ratio since the restart against its own before it, and its cache
// refilling; what to notice says the same. Both figures are the engine's.
func TestRestartSeenAtEnd(t *testing.T) {
	l := lesson.All[lesson.Index("route-by-key")]
	at := l.Restarts[0].Seq - 10
	p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d", env.base, l.Slug, at), 1440, 1000)
	if got := p.text("#s0-insights"); strings.Contains(got, "restarted") {
		t.Errorf("before the restart the system already says %q", got)
	}
	p.click("#play")
	p.waitPlayed(l)

	r, err := lesson.Play(l)
	if err != nil {
		t.Fatal(err)
	}
	info, w := r.Infos[1], r.Stats.Workers[1]
	since := info.Hits + info.Misses
	if since == 0 || info.Currsize >= info.Maxsize {
		t.Fatalf("at the lesson's end worker 1 has %d reads since its restart and %d of %d entries: nothing left to see", since, info.Currsize, info.Maxsize)
	}
	nowR, beforeR := float64(info.Hits)/float64(since), float64(w.Hits-info.Hits)/float64(w.Reads-since)
	now, before := view.Pct(nowR), view.Pct(beforeR)
	if nowR >= beforeR {
		t.Fatalf("worker 1 hits %s since its restart, %s before: the lesson no longer shows the restart's cost", now, before)
	}
	want := fmt.Sprintf("Worker 1 restarted with an empty cache: since then its cache has answered %d of %d reads (%s), against %s of its reads before the restart; it holds %d of its %d entries again.",
		info.Hits, since, now, before, info.Currsize, info.Maxsize)
	var line string
	var top, height float64
	p.eval(`(() => { const li = [...document.querySelectorAll("#s0-insights li")].find(li => li.textContent.includes("restarted")); return li ? li.textContent.trim() : "" })()`, &line)
	p.eval(`(() => { const li = [...document.querySelectorAll("#s0-insights li")].find(li => li.textContent.includes("restarted")); return li ? li.getBoundingClientRect().bottom : 1e9 })()`, &top)
	p.eval(`window.innerHeight`, &height)
	if line != want {
		t.Errorf("the system says %q; want %q", line, want)
	}
	if top > height {
		t.Errorf("the restart's line ends %.0f px down, below the first screen (%.0f px)", top, height)
	}
	notice := strings.Join(p.noticeLines(), "\n")
	for _, s := range []string{now, before, fmt.Sprintf("refilled %d of its %d entries", info.Currsize, info.Maxsize)} {
		if !strings.Contains(notice, s) {
			t.Errorf("what to notice %q lacks %q", notice, s)
		}
	}
	p.shot("lesson6-end", false)

	big := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d&presenter=1", env.base, l.Slug, l.End()), 1920, 1080)
	big.shot("lesson6-end-presenter", false)
	if got := big.text("#s0-w1 .info"); got != view.InfoLine(info) {
		t.Errorf("presenter view: worker 1 shows %q; want %q", got, view.InfoLine(info))
	}
}
