package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// pcg gives exactly the numbers of math/rand/v2's PCG from the same seeds.
func TestPCGMatchesRand(t *testing.T) {
	for _, seed := range [][2]uint64{{0, 0}, {1, 0x9e3779b97f4a7c15}, {1 << 63, 3}, {math.MaxUint64, math.MaxUint64}, {42, 7}} {
		ours, theirs := &pcg{seed[0], seed[1]}, rand.NewPCG(seed[0], seed[1])
		for i := range 100_000 {
			if got, want := ours.Uint64(), theirs.Uint64(); got != want {
				t.Fatalf("seeds %v, draw %d: %#x; want rand.PCG's %#x", seed, i, got, want)
			}
		}
	}
}

// intN and float64Of draw exactly what math/rand/v2 draws from the same
// source, so that drawing on the source directly changes no run.
func TestDrawsMatchRand(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 8, 10, 16, 100, 1000, 1 << 20, 1<<40 + 3, 1<<62 + 1 /* rejects a quarter of draws */, math.MaxInt - 2, math.MaxInt} {
		for seed := range uint64(4) {
			stream := uint64(streamBalancer)
			ours, theirs := newSource(seed, stream), rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15*stream))
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
