package view

import "github.com/cachepit/cachepit/sim"

// Theory is Che's prediction for a deployment: N per-worker caches of C,
// one shared cache of the size the engine uses, and routing by key.
type Theory = sim.Prediction

// TheoryOf predicts for c; it costs a few milliseconds, so compute it once per config.
func TheoryOf(c sim.Config) Theory { return sim.Predict(c) }

// TheoryMaxKeys bounds the key space the playground predicts for: Che's
// approximation costs time in proportion to the keys (about 0.1 s for
// 20,000 natively, seconds for a million), and the page must not stall.
const TheoryMaxKeys = 20_000

// TheoryFor is TheoryOf(c) when c's key space is small enough to predict
// at once; ok is false otherwise.
func TheoryFor(c sim.Config) (t Theory, ok bool) {
	if c.Keys > TheoryMaxKeys {
		return Theory{}, false
	}
	return TheoryOf(c), true
}

// MeasuredOf reads each view's hit ratio for the theory panel.
func MeasuredOf(views []System) []Measured {
	out := make([]Measured, len(views))
	for i, v := range views {
		out[i] = Measured{Mode: v.Config.Mode, HitRatio: v.Stats.HitRatio, Reads: v.Stats.Total.Reads,
			Utilization: v.Stats.Total.Utilization, MeanResponse: v.Stats.Latency.Mean}
	}
	return out
}

// Measured is a live system's hit ratio, for the theory panel.
type Measured struct {
	Mode     string
	HitRatio float64
	Reads    int64

	Utilization  float64 // each thread's busy fraction
	MeanResponse float64 // µs
}
