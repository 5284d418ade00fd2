package web

import (
	"strings"
	"testing"

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
