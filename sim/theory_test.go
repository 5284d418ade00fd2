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
