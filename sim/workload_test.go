package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// intN and float64Of draw exactly what math/rand/v2 draws from the same
// source, so that drawing on the source directly changes no run.
func TestDrawsMatchRand(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 8, 10, 16, 100, 1000, 1 << 20, 1<<40 + 3, 1<<62 + 1 /* rejects a quarter of draws */, math.MaxInt - 2, math.MaxInt} {
		for seed := range uint64(4) {
			ours, theirs := newSource(seed, streamBalancer), rand.New(newSource(seed, streamBalancer))
			for i := range 10_000 {
				if got, want := intN(ours, n), theirs.IntN(n); got != want {
					t.Fatalf("n %d, seed %d, draw %d: intN = %d; want IntN's %d", n, seed, i, got, want)
				}
				if got, want := float64Of(ours), theirs.Float64(); got != want {
					t.Fatalf("n %d, seed %d, draw %d: float64Of = %v; want Float64's %v", n, seed, i, got, want)
				}
			}
		}
	}
}
