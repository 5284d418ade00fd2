package view

import (
	"math"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// The playground at 1,000 requests/s (Poisson): early on the caches are
// cold and the utilization is far above the warm prediction; the panel's
// words give the run's own service time, whose utilization law agrees with
// the measurement within 1%, and once warm the prediction agrees too.
func TestQueueingWordsPlayground(t *testing.T) {
	c, err := sim.ParseQuery("arrivals=poisson&rate=1000")
	if err != nil {
		t.Fatal(err)
	}
	theory := TheoryOf(c)
	for _, tc := range []struct {
		at   int64
		warm bool
	}{{200, false}, {2_000, false}, {50_000, true}} {
		views, err := PageViews(PageState{Config: c, At: tc.at})
		if err != nil {
			t.Fatal(err)
		}
		m := MeasuredOf(views)[0]
		if m.Threads != 4 {
			t.Fatalf("at %d: %d threads; want 4", tc.at, m.Threads)
		}
		if got, want := m.Law(), m.Utilization; math.Abs(got-want) > 0.01*want {
			t.Errorf("at %d: rate × mean service ÷ threads = %.4f; measured utilization %.4f", tc.at, got, want)
		}
		words := QueueingWords(theory.Queueing, theory.HitRatio, m)
		t.Log(words)
		for _, want := range []string{Micros(int(theory.Service + 0.5)), Micros(int(m.Service + 0.5)), Pct(m.Law()), "the caches start empty"} {
			if !strings.Contains(words, want) {
				t.Errorf("at %d: %q does not say %q", tc.at, words, want)
			}
		}
		gap := math.Abs(m.Utilization-theory.Utilization) / theory.Utilization
		if tc.warm && gap > 0.02 {
			t.Errorf("at %d, caches warm: measured utilization %.4f, predicted %.4f", tc.at, m.Utilization, theory.Utilization)
		}
		if !tc.warm && m.Service <= theory.Service {
			t.Errorf("at %d, caches filling: mean service %.0f µs, not above the warm prediction %.0f", tc.at, m.Service, theory.Service)
		}
	}
}
