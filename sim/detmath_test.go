package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// fullLog is detLog summing all its terms, as it did before it learned to
// stop early.
func fullLog(x float64) float64 {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	z := (m - 1) / (m + 1)
	z2 := z * z
	sum, term := 0.0, z
	for k := 1; k < 40; k += 2 {
		sum += term / float64(k)
		term *= z2
	}
	return 2*sum + float64(e)*ln2
}

// Stopping early changes no bit: the Poisson gaps, and so every run with
// Poisson arrivals, depend on it.
func TestDetLogStopsExactly(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	xs := []float64{1, 0.5, 2, math.Sqrt2 / 2, math.Sqrt2, math.Nextafter(1, 0), math.Nextafter(1, 2), 1e-300, 1e300}
	for range 300_000 {
		xs = append(xs[:9], 1-r.Float64(), r.Float64()*100, math.Ldexp(1+r.Float64(), r.IntN(200)-100))
		for _, x := range xs {
			if x <= 0 {
				continue
			}
			if got, want := detLog(x), fullLog(x); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("detLog(%v) = %v; want %v", x, got, want)
			}
		}
	}
}

// frexp is math.Frexp, bit for bit.
func TestFrexpMatchesMath(t *testing.T) {
	for _, x := range []float64{1, 0.5, 0.75, 1 - 0x1p-53, 0x1p-53, 3, 1e300, math.MaxFloat64, math.SmallestNonzeroFloat64, 0x1p-1022, 0x1p-1023, 0, -2.5, math.Inf(1), math.NaN()} {
		gm, ge := frexp(x)
		wm, we := math.Frexp(x)
		if math.Float64bits(gm) != math.Float64bits(wm) || ge != we {
			t.Errorf("frexp(%g) = %v, %d; want %v, %d", x, gm, ge, wm, we)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100_000 {
		x := math.Float64frombits(r.Uint64())
		gm, ge := frexp(x)
		wm, we := math.Frexp(x)
		if math.Float64bits(gm) != math.Float64bits(wm) || ge != we {
			t.Fatalf("frexp(%g) = %v, %d; want %v, %d", x, gm, ge, wm, we)
		}
	}
}
