package view

import (
	"fmt"
	"math"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
)

// flat is a series of n windows of 100 requests, each with 100 reads of
// which hits(i) were hits.
func flat(n int, hits func(i int) int64) []sim.Point {
	out := make([]sim.Point, n)
	for i := range out {
		out[i] = sim.Point{Seq: int64(100 * (i + 1)), Reads: 100, Hits: hits(i)}
	}
	return out
}

func TestWarmupOf(t *testing.T) {
	for _, tc := range []struct {
		name      string
		series    []sim.Point
		predicted float64
		state     WarmState
		recent    float64
		from, to  int64
	}{
		{"no series", nil, 0.5, NoReads, 0, 0, 0},
		{"too few reads", []sim.Point{{Seq: 50, Reads: 50, Hits: 10}}, 0.5, NoReads, 0, 0, 0},
		{"short run: the whole run", flat(5, func(int) int64 { return 30 }), 0.5, Warming, 0.3, 0, 500},
		{"at the prediction", flat(100, func(int) int64 { return 50 }), 0.5, Settled, 0.5, 9000, 10000},
		{"rising: last tenth only", flat(100, func(i int) int64 { return int64(i / 2) }), 0.9, Warming, 0.47, 9000, 10000},
		{"steady below the prediction", flat(100, func(int) int64 { return 40 }), 0.5, Steady, 0.4, 9000, 10000},
		{"still climbing, off the prediction", flat(100, func(i int) int64 { return int64(i) }), 0.99, Warming, 0.945, 9000, 10000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := WarmupOf(tc.series, tc.predicted)
			if w.State != tc.state || math.Abs(w.Recent-tc.recent) > 1e-9 || (w.State != NoReads && (w.From != tc.from || w.To != tc.to)) {
				t.Errorf("got state %d, recent %.3f over (%d, %d]; want %d, %.3f over (%d, %d]", w.State, w.Recent, w.From, w.To, tc.state, tc.recent, tc.from, tc.to)
			}
		})
	}
}

// TestWarmupWindowIsTheEngines: the recent window read from the series is
// the hit ratio between its two ends in the engine's own totals, however
// the engine has merged its windows.
func TestWarmupWindowIsTheEngines(t *testing.T) {
	c := sim.Default()
	for _, n := range []int{600, 5000, 123_457} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			run := func(n int64) sim.WorkerStats {
				s, err := sim.New(c)
				if err != nil {
					t.Fatal(err)
				}
				s.Run(int(n))
				return s.Stats().Total
			}
			s, _ := sim.New(c)
			s.Run(n)
			w := WarmupOf(s.Series(), 0.5)
			a, b := run(w.From), run(w.To)
			if w.Reads != b.Reads-a.Reads || w.Recent != float64(b.Hits-a.Hits)/float64(b.Reads-a.Reads) {
				t.Errorf("window (%d, %d]: %d reads, ratio %.4f; the engine's totals give %d, %.4f", w.From, w.To, w.Reads, w.Recent, b.Reads-a.Reads, float64(b.Hits-a.Hits)/float64(b.Reads-a.Reads))
			}
			if span, want := w.To-w.From, min(RecentSpan(w.To), w.To); span < want || span > 2*want {
				t.Errorf("window of %d requests after %d; want about %d", span, w.To, want)
			}
		})
	}
}

// TestSkipWarmup: skipping runs on to where every system has settled, and
// where it stops the panel says so.
func TestSkipWarmup(t *testing.T) {
	st := PageState{Config: sim.Default(), Compare: true}
	r, err := NewRunner(st)
	if err != nil {
		t.Fatal(err)
	}
	theory := TheoryOf(st.Config)
	ok, err := r.SkipWarmup(theory)
	if !ok || err != nil || r.Seq() == 0 || r.Seq() > SkipLimit {
		t.Fatalf("SkipWarmup = %v, %v at request %d", ok, err, r.Seq())
	}
	for i, w := range WarmupsOf(theory, r.Views()) {
		if !w.Done() {
			t.Errorf("system %d not settled after skipping: %+v", i, w)
		}
	}
	again, _ := r.SkipWarmup(theory)
	if seq := r.Seq(); !again || seq != r.Seq() {
		t.Errorf("skipping a settled run moved it")
	}
}

// TestSkipWarmupLessons: every lesson with a workload settles within the
// limit when skipped from its first request; -v lists where.
func TestSkipWarmupLessons(t *testing.T) {
	for i, l := range lesson.All {
		if l.Requests == 0 {
			continue
		}
		r, err := NewLessonRunner(l, LessonState{Index: i}.Page())
		if err != nil {
			t.Fatal(err)
		}
		ok, err := r.SkipWarmup(l.Prediction())
		if !ok || err != nil {
			t.Errorf("lesson %d did not settle within %d requests (%v)", i+1, SkipLimit, err)
		}
		t.Logf("lesson %d (%s): settled at request %d", i+1, l.Slug, r.Seq())
	}
	views, err := PageViews(PageState{Config: sim.Default(), At: 600})
	if err != nil {
		t.Fatal(err)
	}
	w := WarmupsOf(TheoryOf(sim.Default()), views)[0]
	t.Logf("default playground at request 600: %s all requests, %s recent, %s predicted, state %d",
		Pct(views[0].Stats.HitRatio), Pct(w.Recent), Pct(w.Predicted), w.State)
}
