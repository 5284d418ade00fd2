package view

import (
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
)

// What a system's caches hold when full, where that means warm, and what
// they can hold whatever the keys (the comparison's "same total memory").
func TestCapacity(t *testing.T) {
	tests := []struct {
		query          string
		entries, count int // when full, where full means warm; else 0, 0
		total          int // capacity whatever the keys
	}{
		{"workers=4&cache=20&keys=20&writes=0", 80, 4, 80},             // lesson 2: every key in every worker
		{"workers=4&cache=50&keys=20&writes=0", 80, 4, 200},            // fewer keys than entries: a cache holds every key
		{"workers=4&cache=20&keys=20&writes=0&mode=shared", 20, 1, 80}, // one cache of 80 for 20 keys
		{"workers=4&cache=20&keys=1000&writes=0&mode=tiered", 160, 5, 160},
		{"workers=2&cache=10&keys=1000&writes=0&hosts=3&mode=tiered-host", 60 + 60, 9, 120},
		{"workers=4&cache=20&keys=1000&writes=0.01", 0, 0, 80},                  // writes drop entries: full is not warm
		{"workers=4&cache=20&keys=1000&writes=0&ttl=1s", 0, 0, 80},              // so do expiries
		{"workers=4&cache=20&keys=1000&writes=0&ttl=1s&mode=shared", 80, 1, 80}, // which only local entries have
		{"workers=4&cache=20&keys=1000&writes=0&balancer=keyhash", 0, 0, 80},    // each worker sees its share of the keys
		{"workers=2&cache=10&keys=1000&writes=0&hosts=3&mode=host&host-balancer=keyhash", 0, 0, 60},
	}
	for _, tt := range tests {
		c, err := sim.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		n, k := 0, 0
		if fullMeansWarm(c) {
			n, k = capacity(c, c.Keys)
		}
		if n != tt.entries || k != tt.count {
			t.Errorf("%s: full and warm at %d entries in %d caches; want %d in %d", tt.query, n, k, tt.entries, tt.count)
		}
		if total, _ := capacity(c, 0); total != tt.total {
			t.Errorf("capacity(%s) = %d entries; want %d", tt.query, total, tt.total)
		}
	}
}

// Lesson 2 ends with every cache full, so every read hits from then on,
// while the recent window, the whole 400-request run, still holds the cold
// misses: that is Full, not Warming. Early on the caches are still filling.
func TestColdMissesFull(t *testing.T) {
	i := lesson.Index("cold-misses")
	l := lesson.All[i]
	r, err := NewLessonRunner(l, LessonState{Index: i, At: -1}.Page())
	if err != nil {
		t.Fatal(err)
	}
	r.Advance(100)
	if ws := WarmupsOf(l.Prediction(), r.Views()); ws[0].State != Warming {
		t.Errorf("at request 100 the per-worker caches hold %d of 80 entries, yet state %d, not warming", r.Views()[0].Stats.Memory.Entries, ws[0].State)
	}
	r.Advance(l.End() - r.Seq())
	views := r.Views()
	for s, w := range WarmupsOf(l.Prediction(), views) {
		v := views[s]
		if s == 0 && v.Stats.Memory.Entries != 80 {
			t.Fatalf("per-worker caches hold %d entries at the end; the test expects all 80", v.Stats.Memory.Entries)
		}
		if w.State != Full {
			t.Errorf("system %d (%s) at the end: state %d, not full", s, v.Config.Mode, w.State)
			continue
		}
		if w.From != 0 || w.Recent != v.Stats.HitRatio {
			t.Errorf("system %d: the window is requests %d to %d at %.3f; want the whole run at %.3f", s, w.From+1, w.To, w.Recent, v.Stats.HitRatio)
		}
		if w.Filled <= 0 || w.Filled >= w.To || w.SinceReads == 0 || w.Since != 1 {
			t.Errorf("system %d: full by request %d, then %d reads at %.3f; want a request inside the run and every read since a hit", s, w.Filled, w.SinceReads, w.Since)
		}
	}
}

// What the prediction leaves out is named only where a system has it.
func TestLeavesOut(t *testing.T) {
	tests := []struct {
		slug string
		at   int64 // 0: the lesson's end
		want string
	}{
		{"cold-misses", 0, ""},
		{"stale-data", 0, "writes"},
		{"deploy", 5000, ""}, // no deploy yet, and none that the settings make
		{"deploy", 0, "worker restarts"},
		{"recycling", 100, "worker restarts"}, // max-requests restarts workers
		{"stampede", 0, "TTLs"},
		{"outage", 0, "writes and outages"},
	}
	for _, tt := range tests {
		i := lesson.Index(tt.slug)
		l := lesson.All[i]
		r, err := NewLessonRunner(l, LessonState{Index: i, At: -1}.Page())
		if err != nil {
			t.Fatal(err)
		}
		at := tt.at
		if at == 0 {
			at = l.End()
		}
		r.Advance(at)
		if got := LeavesOut(MeasuredOf(r.Views())); got != tt.want {
			t.Errorf("%s at request %d: the prediction leaves out %q; want %q", tt.slug, at, got, tt.want)
		}
	}
}
