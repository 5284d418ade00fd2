package web

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// Lesson 13: while the shared cache is out, a card of the shared side does
// not show the shared cache's hit ratio in its blue bar: the cache answers
// nothing then, and the card says so.
func TestCardWhileSharedCacheOut(t *testing.T) {
	w := view.Worker{Info: sim.CacheInfo{Hits: 60, Misses: 40}, Stats: sim.WorkerStats{Up: true}}
	if got := html(&WorkerCard{Worker: w}); !strings.Contains(got, "shared cache 60.0%") || !strings.Contains(got, "width:60.0%") {
		t.Fatalf("a card behind a working shared cache: %s", got)
	}
	w.SharedOut = true
	got := html(&WorkerCard{Worker: w})
	if !strings.Contains(got, "shared cache out") || !strings.Contains(got, "width:0.0%") || strings.Contains(got, "60.0%") {
		t.Errorf("a card behind a shared cache that is out: %s", got)
	}
}
