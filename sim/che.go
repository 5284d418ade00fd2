package sim

import "math"

// Che predicts the hit ratio of an LRU cache of the given size fed by c's
// workload, with Che's approximation under the independent reference model:
// the cache holds a key requested within the last T requests, where T, the
// characteristic time, makes the expected number of such keys equal size.
// Writes, TTLs and recycling are not modelled. Under scan, an LRU smaller
// than the key space never hits, and one as large hits every time once warm.
// Predict gives every figure for a configuration at once.
func Che(c Config, size int) float64 { return (&cheModel{c: c}).Che(size) }

// cheModel predicts for one configuration, building its key-popularity table
// at most once however many sizes it is asked about.
type cheModel struct {
	c Config
	p []float64 // Popularity(c), built on first use
}

func (m *cheModel) popularity() []float64 {
	if m.p == nil {
		m.p = Popularity(m.c)
	}
	return m.p
}

// Che is Che's approximation for one cache of size entries.
func (m *cheModel) Che(size int) float64 {
	c := m.c
	if size <= 0 || c.Keys <= 0 {
		return 0
	}
	if size >= c.Keys {
		return 1
	}
	if c.Dist == "scan" {
		return 0
	}
	return che(m.popularity(), size)
}

// che works on popularities that sum to 1, sorted from most to least popular.
// It finds the characteristic time t where held(t), the expected number of
// keys in the cache after t requests, equals size, by Newton's method:
// held is increasing and concave, so from t = 0 every step lands left of the
// root and the steps converge on it from below, quadratically once close.
func che(p []float64, size int) float64 {
	if size >= len(p) {
		return 1
	}
	cs := group(p)
	target := float64(size)
	t := 0.0
	for range 200 {
		held, slope := 0.0, 0.0 // held(t) and its derivative
		for _, c := range cs {
			e := cheExp(-c.p * t)
			held += c.n * (1 - e)
			slope += c.n * c.p * e
		}
		if slope <= 0 {
			break
		}
		step := (target - held) / slope
		t += step
		if step <= t*1e-13 {
			break
		}
	}
	h := 0.0
	for _, c := range cs {
		h += c.n * c.p * (1 - cheExp(-c.p*t))
	}
	return h
}

// cheExp is e to the power x for x <= 0, from basic operations only (so the
// same bits natively and as wasm, like detExp) but quicker: Che's
// approximation calls it for every key class at every step.
func cheExp(x float64) float64 {
	if x < -745 {
		return 0
	}
	const ln2Hi, ln2Lo = 6.93147180369123816490e-01, 1.90821492927058770002e-10 // ln2 in two parts, as math.Exp
	k := math.Floor(x/ln2 + 0.5)
	r := (x - k*ln2Hi) - k*ln2Lo // |r| <= ln2/2, where 14 Taylor terms reach float64's precision
	sum := 1.0                   // Horner: e^r = 1 + r(1 + r/2(1 + r/3(...)))
	for i := len(recip) - 1; i >= 1; i-- {
		sum = 1 + r*recip[i]*sum
	}
	return math.Ldexp(sum, int(k))
}

// recip holds 1/i, so that cheExp multiplies where detExp divides.
var recip = func() (r [15]float64) {
	for i := 1; i < len(r); i++ {
		r[i] = 1 / float64(i)
	}
	return r
}()

// class is n keys of (about) the same popularity p.
type class struct{ p, n float64 }

// exactKeys is how many of the most popular keys che treats one by one.
const exactKeys = 4096

// group keeps the most popular keys apart and folds the tail into runs of
// neighbours whose popularity differs little (each run at most 1% of its
// rank long), so that predicting for millions of keys stays quick.
func group(p []float64) []class {
	out := make([]class, 0, min(len(p), exactKeys+1024))
	for i := 0; i < len(p); {
		n := 1
		if i >= exactKeys {
			n = min(i/100, len(p)-i)
		}
		sum := 0.0
		for _, q := range p[i : i+n] {
			sum += q
		}
		out = append(out, class{p: sum / float64(n), n: float64(n)})
		i += n
	}
	return out
}
