package sim

// Che predicts the hit ratio of an LRU cache of the given size fed by c's
// workload, with Che's approximation under the independent reference model:
// the cache holds a key requested within the last T requests, where T, the
// characteristic time, makes the expected number of such keys equal size.
// Writes, TTLs and recycling are not modelled. Under scan, an LRU smaller
// than the key space never hits, and one as large hits every time once warm.
func Che(c Config, size int) float64 {
	if size <= 0 || c.Keys <= 0 {
		return 0
	}
	if size >= c.Keys {
		return 1
	}
	if c.Dist == "scan" {
		return 0
	}
	return che(Popularity(c), size)
}

// che works on popularities that sum to 1.
func che(p []float64, size int) float64 {
	if size >= len(p) {
		return 1
	}
	held := func(t float64) float64 { // expected keys in cache after t requests
		n := 0.0
		for _, q := range p {
			n += 1 - detExp(-q*t)
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
	for _, q := range p {
		h += q * (1 - detExp(-q*t))
	}
	return h
}

// Predict is Che's prediction for the whole system c describes: with
// per-worker caches and a key-blind balancer every worker sees the whole key
// space, so each behaves like one cache of size Cache; with keyhash each
// worker sees only its share of the keys; a shared cache behaves like one
// cache of SharedSize. In tiered mode the shared cache decides what reaches
// the origin, so the prediction is the shared cache's.
func Predict(c Config) float64 {
	switch {
	case c.HasShared():
		return Che(c, c.SharedSize())
	case c.Balancer == "keyhash":
		return predictKeyHash(c)
	}
	return Che(c, c.Cache)
}

func predictKeyHash(c Config) float64 {
	if c.Dist == "scan" {
		return 0 // each worker still sweeps its keys in order
	}
	p := Popularity(c)
	h := newKeyHash(c.Workers, keyHashVnodes)
	parts := make([][]float64, c.Workers)
	for k, q := range p {
		w := h.pick(k)
		parts[w] = append(parts[w], q)
	}
	total := 0.0
	for _, part := range parts {
		share := 0.0
		for _, q := range part {
			share += q
		}
		if share == 0 {
			continue
		}
		for i := range part {
			part[i] /= share
		}
		total += share * che(part, c.Cache)
	}
	return total
}
