package sim

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
func che(p []float64, size int) float64 {
	if size >= len(p) {
		return 1
	}
	cs := group(p)
	held := func(t float64) float64 { // expected keys in cache after t requests
		n := 0.0
		for _, c := range cs {
			n += c.n * (1 - detExp(-c.p*t))
		}
		return n
	}
	lo, hi := 0.0, 1.0
	for held(hi) < float64(size) {
		lo, hi = hi, hi*2
	}
	for range 60 {
		mid := (lo + hi) / 2
		if held(mid) < float64(size) {
			lo = mid
		} else {
			hi = mid
		}
	}
	t := (lo + hi) / 2
	h := 0.0
	for _, c := range cs {
		h += c.n * c.p * (1 - detExp(-c.p*t))
	}
	return h
}

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
