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
		service, law := lawWords(m)
		for _, want := range []string{Micros(int(theory.Service + 0.5)), "took " + service, law, Pct(m.Law()), "the caches start empty"} {
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

// The utilization law as written checks on screen: rate × time ÷ threads
// with the figures shown gives the percentage shown, or the line says "≈"
// (review of lesson 10: "2,999 requests/s × 1.7 ms ÷ 16 threads = 32.4%",
// where the figures shown give 31.9%).
func TestLawWords(t *testing.T) {
	for _, tt := range []struct {
		m            Measured
		service, law string
	}{
		{Measured{Rate: 2999.2, Service: 1728.6, Threads: 16}, "1.73 ms", "2,999 requests/s × 1.73 ms ÷ 16 threads = 32.4%"},
		{Measured{Rate: 976.2, Service: 3901, Threads: 4}, "3.9 ms", "976 requests/s × 3.9 ms ÷ 4 threads = 95.2%"},
		{Measured{Rate: 999.3, Service: 2673.4, Threads: 4}, "2.673 ms", "999 requests/s × 2.673 ms ÷ 4 threads = 66.8%"},
		{Measured{Rate: 1008.3, Service: 2783.2, Threads: 4}, "2.783 ms", "1,008.3 requests/s × 2.783 ms ÷ 4 threads = 70.2%"},
		{Measured{Rate: 100, Service: 850, Threads: 1}, "850 µs", "100 requests/s × 850 µs ÷ 1 thread = 8.5%"},
		{Measured{Rate: 0.26, Service: 2_000_000, Threads: 1}, "2.00 s", "0.3 requests/s × 2.00 s ÷ 1 thread ≈ 52.0%"},
	} {
		service, law := lawWords(tt.m)
		if service != tt.service || law != tt.law {
			t.Errorf("%+v: %q, %q; want %q, %q", tt.m, service, law, tt.service, tt.law)
		}
	}
}

// ttl is the lifetime of a worker's own entries: the words say "entries
// expire" only where there are some (lesson 11's shared side has ttl=1s in
// its settings and no entry of its own).
func TestQueueingWordsExpire(t *testing.T) {
	for _, tt := range []struct {
		query  string
		expire bool
	}{
		{"ttl=1s", true},
		{"ttl=1s&mode=shared", false},
		{"ttl=1s&mode=tiered", true},
		{"mode=local", false},
	} {
		c, err := sim.ParseQuery(tt.query + "&arrivals=poisson&rate=1000")
		if err != nil {
			t.Fatal(err)
		}
		views, err := PageViews(PageState{Config: c, At: 500})
		if err != nil {
			t.Fatal(err)
		}
		th := TheoryOf(c)
		words := QueueingWords(th.Queueing, th.HitRatio, MeasuredOf(views)[0])
		if got := strings.Contains(words, "entries expire"); got != tt.expire {
			t.Errorf("%s: %q; says entries expire: %v, want %v", tt.query, words, got, tt.expire)
		}
	}
}
