package sim

import (
	"math"
	"testing"
)

// Predict gives every figure from the sizes the engine uses: a shared cache
// of SharedSize, not Workers*Cache, when the two differ.
func TestPredict(t *testing.T) {
	tests := []struct {
		query      string
		sharedSize int
		want       func(c Config, p Prediction) float64 // the system's own figure
	}{
		{"", 400, func(c Config, p Prediction) float64 { return Che(c, 100) }},
		{"mode=shared", 400, func(c Config, p Prediction) float64 { return Che(c, 400) }},
		{"mode=shared&shared-cache=40", 40, func(c Config, p Prediction) float64 { return Che(c, 40) }},
		{"mode=tiered&shared-cache=1000", 1000, func(c Config, p Prediction) float64 { return 1 }},
		{"balancer=keyhash", 400, func(c Config, p Prediction) float64 { return p.Routed }},
	}
	for _, tt := range tests {
		c, err := ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		p := Predict(c)
		if p.SharedSize != tt.sharedSize || p.Workers != c.Workers || p.Cache != c.Cache {
			t.Errorf("%q: sizes %+v; want shared size %d", tt.query, p, tt.sharedSize)
		}
		if p.PerWorker != Che(c, c.Cache) || p.Shared != Che(c, tt.sharedSize) {
			t.Errorf("%q: per-worker %v, shared %v; want Che's %v and %v", tt.query, p.PerWorker, p.Shared, Che(c, c.Cache), Che(c, tt.sharedSize))
		}
		if got, want := p.HitRatio, tt.want(c, p); got != want {
			t.Errorf("%q: hit ratio %v; want %v", tt.query, got, want)
		}
		if p.KeyHash != (c.Balancer == "keyhash") || (p.KeyHash && p.Routed < p.PerWorker+0.1) {
			t.Errorf("%q: routed by key %v, %v", tt.query, p.KeyHash, p.Routed)
		}
	}
	c, _ := ParseQuery("mode=shared&shared-cache=40")
	if got := Predict(c).HitRatio; math.Abs(got-0.321) > 0.0005 {
		t.Errorf("one shared cache of 40: %.4f; want about 0.321", got)
	}
}

// Predict's queueing figures against the engine's measurement: one sync
// worker with every request a hit (M/D/1), every read a miss (a scan: M/D/1
// with a dearer service), half the reads hits (two keys, one entry: M/G/1),
// and the utilization of many workers and threads, on one host or several.
func TestPredictQueueing(t *testing.T) {
	tests := []struct {
		query string
		queue string
	}{
		{"workers=1&keys=1&cache=1&writes=0&rate=800&cpu=1000&cost-local=0", "M/D/1"},
		{"workers=1&keys=10&cache=5&dist=scan&writes=0&rate=100&cpu=1000", "M/D/1"},
		{"workers=1&keys=2&cache=1&dist=uniform&writes=0&rate=200&cpu=500", "M/G/1"},
		{"workers=8&keys=50&cache=50&writes=0&rate=3000&cpu=2000", ""},
		{"workers=4&threads=4&keys=40&cache=10&dist=uniform&mode=shared&writes=0&rate=3000&cpu=1000", ""},
		// Several hosts: every host's workers share the load, and a host cache costs its own round trip.
		{"hosts=3&workers=2&host-cache=100&keys=1000&writes=0&mode=host&rate=1000", ""},
		{"hosts=2&workers=4&cache=50&keys=1000&writes=0&rate=800&cpu=500", ""},
		{"hosts=2&workers=2&cache=20&host-cache=100&keys=1000&writes=0&mode=tiered-host&rate=600&cpu=300", ""},
	}
	for _, tt := range tests {
		s := newTest(t, tt.query+"&arrivals=poisson&warmup=2000")
		p := Predict(s.Config())
		if p.Queue != tt.queue || p.Utilization <= 0 || p.Utilization >= 1 {
			t.Fatalf("%s: queue %q, utilization %.3f; want %q below 1", tt.query, p.Queue, p.Utilization, tt.queue)
		}
		s.Run(2000 + 200_000)
		st := s.Stats()
		t.Logf("%s: utilization %.4f (predicted %.4f), mean response %.0f µs (predicted %.0f, M/M/1 %.0f)",
			tt.query, st.Total.Utilization, p.Utilization, st.Latency.Mean, p.Response, p.ResponseMM1)
		if got, want := st.Total.Utilization, p.Utilization; math.Abs(got-want) > 0.01*want {
			t.Errorf("%s: utilization %.4f measured; predicted %.4f", tt.query, got, want)
		}
		if p.Queue == "" {
			if p.Response != 0 || p.ResponseMM1 != 0 {
				t.Errorf("%s: a response time %v without a formula", tt.query, p.Response)
			}
			continue
		}
		if got, want := st.Latency.Mean, p.Response; math.Abs(got-want) > 0.03*want {
			t.Errorf("%s: mean response %.0f µs measured; Pollaczek–Khinchine %.0f", tt.query, got, want)
		}
		if p.ResponseMM1 <= p.Response && p.Queue == "M/D/1" {
			t.Errorf("%s: M/M/1 %.0f µs not above M/D/1 %.0f", tt.query, p.ResponseMM1, p.Response)
		}
	}
	// The M/D/1 case of the issue, in numbers: 1 ms of work at 800/s is 3 ms, and 5 ms if exponential.
	c, _ := ParseQuery("workers=1&keys=1&cache=1&writes=0&arrivals=poisson&rate=800&cpu=1000&cost-local=0")
	if q := Predict(c).Queueing; q.Service != 1000 || math.Abs(q.Utilization-0.8) > 1e-12 || math.Abs(q.Response-3000) > 1e-9 || math.Abs(q.ResponseMM1-5000) > 1e-9 {
		t.Errorf("M/D/1 at 0.8: %+v; want service 1000, utilization 0.8, 3000 µs, M/M/1 5000 µs", q)
	}
	if q := Predict(Default()).Queueing; q != (Queueing{}) {
		t.Errorf("closed arrivals: %+v; want no queueing figures", q)
	}
}
