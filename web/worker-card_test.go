package web

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// A card whose lookups run ahead of its finished reads says why: a read in
// progress has looked up its key and counts as a read only when it ends.
func TestTotalsLineInProgress(t *testing.T) {
	w := view.Worker{HasLocal: true, Info: sim.CacheInfo{Hits: 4, Misses: 6}}
	w.Stats.Reads, w.Stats.Hits, w.Stats.BusyThreads = 9, 4, 1
	if !totalsDiffer(w) {
		t.Fatal("10 lookups and 9 reads: want the totals line")
	}
	got := totalsLine(w)
	for _, want := range []string{"44.4% of 9 finished reads answered by a cache", "1 more read is still in progress and already counts as a lookup"} {
		if !strings.Contains(got, want) {
			t.Errorf("totals %q; want %q", got, want)
		}
	}
	w.Stats.Reads, w.Stats.BusyThreads = 8, 2
	if got := totalsLine(w); !strings.Contains(got, "2 more reads are still in progress") {
		t.Errorf("two in progress: %q", got)
	}
	w.Stats.Generation, w.Stats.Reads = 1, 30 // over two processes: no read in progress explains it
	if got := totalsLine(w); strings.Contains(got, "in progress") {
		t.Errorf("second process: %q", got)
	}
}

// The request log explains its numbers only where requests overlap.
func TestTraceNote(t *testing.T) {
	for _, tt := range []struct {
		q    string
		note bool
	}{{"clients=1", false}, {"clients=8", true}, {"arrivals=poisson&rate=300", true}} {
		c, err := sim.ParseQuery(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		got := traceNote(c) != nil
		if got != tt.note {
			t.Errorf("%s: note %v; want %v", tt.q, got, tt.note)
		}
		if got && !strings.Contains(html(traceNote(c)), "numbered as they arrive") {
			t.Errorf("%s: %s", tt.q, html(traceNote(c)))
		}
	}
}

// Lesson 1: worker 1 only answered /get_cache_info, which reads no key; its
// card said "ℹ k0". The legend explains ℹ and the idle "·".
func TestLastMarkOfInfo(t *testing.T) {
	l := lesson.All[lesson.Index("the-post")]
	r, err := view.NewLessonRunner(l, view.PageState{Config: l.Config()})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Advance(l.End()); err != nil {
		t.Fatal(err)
	}
	ws := r.Views()[0].Workers
	if got := lastText(ws[1]); got != "ℹ info" {
		t.Errorf("worker 1 after GET /get_cache_info shows %q; want \"ℹ info\"", got)
	}
	if got := lastText(view.Worker{Last: view.Miss, LastKey: 7}); got != "✗ k7" {
		t.Errorf("a miss on key 7 shows %q", got)
	}
	if got := lastText(view.Worker{}); got != "·" || lastTitle(view.Worker{}) == "" {
		t.Errorf("an idle worker shows %q titled %q", got, lastTitle(view.Worker{}))
	}
	legend := strings.Join(strings.Fields(html(legend(r.Views()))), " ")
	for _, want := range []string{"ℹ</span> GET /get_cache_info: the worker reports its cache_info(), looks up no key", "·</span> served none of the latest requests"} {
		if !strings.Contains(legend, want) {
			t.Errorf("legend lacks %q: %s", want, legend)
		}
	}
}
