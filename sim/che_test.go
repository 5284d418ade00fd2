package sim

import (
	"fmt"
	"math"
	"testing"
)

// Measured hit ratios agree with Che's approximation within 0.01: with a
// key-blind balancer each worker behaves like one cache of size C, and a
// shared cache of the same total memory like one of size N*C.
func TestCheAgreesWithMeasurement(t *testing.T) {
	const workers = 4
	for _, alpha := range []float64{0.8, 1.0} {
		for _, size := range []int{10, 100, 1000} {
			for _, mode := range []string{"local", "shared"} {
				t.Run(fmt.Sprintf("alpha%g/C%d/%s", alpha, size, mode), func(t *testing.T) {
					t.Parallel()
					c := Default()
					c.Workers, c.Cache, c.Keys, c.Alpha, c.Writes, c.Mode = workers, size, 10_000, alpha, 0, mode
					c.Warmup = 100_000
					s, err := New(c)
					if err != nil {
						t.Fatal(err)
					}
					s.Run(c.Warmup + 400_000)
					st := s.Stats()
					if mode == "shared" {
						if got, want := st.HitRatio, Che(c, workers*size); math.Abs(got-want) > 0.01 {
							t.Errorf("shared cache of %d: hit ratio %.4f; Che predicts %.4f", workers*size, got, want)
						}
						return
					}
					want := Che(c, size)
					for _, w := range st.Workers {
						if got := w.HitRatio(); math.Abs(got-want) > 0.01 {
							t.Errorf("worker %d: hit ratio %.4f; Che predicts %.4f for C=%d", w.ID, got, want, size)
						}
					}
				})
			}
		}
	}
}

func TestCheEdges(t *testing.T) {
	c := Default()
	c.Keys = 100
	for _, tc := range []struct {
		dist string
		size int
		want float64
	}{
		{"zipf", 0, 0},
		{"zipf", 100, 1},
		{"scan", 99, 0},
		{"scan", 100, 1},
		{"uniform", 50, 0.5},
	} {
		c.Dist = tc.dist
		if got := Che(c, tc.size); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Che(%s, %d) = %v; want %v", tc.dist, tc.size, got, tc.want)
		}
	}
}

// keyhash gives each worker a part of the key space, so the prediction rises
// above a single worker's.
func TestPredictKeyHash(t *testing.T) {
	c := Default()
	c.Writes = 0
	c.Warmup = 50_000
	local := Predict(c).HitRatio
	c.Balancer = "keyhash"
	kh := Predict(c).HitRatio
	if kh <= local+0.05 {
		t.Fatalf("keyhash prediction %.3f not well above key-blind %.3f", kh, local)
	}
	s, _ := New(c)
	s.Run(c.Warmup + 300_000)
	if got := s.Stats().HitRatio; math.Abs(got-kh) > 0.02 {
		t.Errorf("keyhash measured %.4f; predicted %.4f", got, kh)
	}
}

func TestDetMath(t *testing.T) {
	for _, x := range []float64{1e-300, 0.001, 0.5, 1, 2, 3.7, 1000, 1e300} {
		if got, want := detLog(x), math.Log(x); math.Abs(got-want) > 1e-13*math.Max(1, math.Abs(want)) {
			t.Errorf("detLog(%g) = %v; want %v", x, got, want)
		}
	}
	for _, x := range []float64{-700, -20, -1, -1e-9, 0, 0.3, 1, 50, 700} {
		if got, want := detExp(x), math.Exp(x); math.Abs(got-want) > 1e-13*want {
			t.Errorf("detExp(%g) = %v; want %v", x, got, want)
		}
	}
}

// Grouping the tail changes the prediction by far less than the 0.01 the
// measurement is held to.
func TestCheGroupingIsClose(t *testing.T) {
	c := Default()
	c.Keys, c.Alpha = 200_000, 0.8
	p := Popularity(c)
	for _, size := range []int{100, 5_000, 50_000} {
		exact := 0.0
		{ // the ungrouped sum, computed directly
			held := func(t float64) float64 {
				n := 0.0
				for _, q := range p {
					n += 1 - math.Exp(-q*t)
				}
				return n
			}
			lo, hi := 0.0, 1.0
			for held(hi) < float64(size) {
				lo, hi = hi, hi*2
			}
			for range 60 {
				if mid := (lo + hi) / 2; held(mid) < float64(size) {
					lo = mid
				} else {
					hi = mid
				}
			}
			for _, q := range p {
				exact += q * (1 - math.Exp(-q*(lo+hi)/2))
			}
		}
		if got := Che(c, size); math.Abs(got-exact) > 1e-4 {
			t.Errorf("size %d: grouped %.6f; exact %.6f", size, got, exact)
		}
	}
}

func BenchmarkChe(b *testing.B) {
	c := Default()
	c.Keys = 1_000_000
	for range b.N {
		Che(c, 1000)
	}
}

// cheExp must stay as accurate as detExp over the range Che uses.
func TestCheExp(t *testing.T) {
	for x := -700.0; x <= 0; x += 0.0137 {
		got, want := cheExp(x), math.Exp(x)
		if d := math.Abs(got-want) / want; d > 1e-14 {
			t.Fatalf("cheExp(%v) = %v, math.Exp gives %v (relative error %g)", x, got, want, d)
		}
	}
	if cheExp(-800) != 0 || cheExp(0) != 1 {
		t.Fatalf("cheExp(-800) = %v, cheExp(0) = %v; want 0 and 1", cheExp(-800), cheExp(0))
	}
}

// BenchmarkPredict is the page's cost of its theory panel at load.
func BenchmarkPredict(b *testing.B) {
	c := Default()
	for range b.N {
		Predict(c)
	}
}
