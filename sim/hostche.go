package sim

// hosts is Predict's hit ratio for several hosts, or for host caches. Each cache
// sees the requests of the keys routed to it: the whole stream when no
// balancer on its way is key-based; with the host balancer's keyhash, the
// keys nginx's ring gives its host; for a per-worker cache behind the
// workers' keyhash, also only its worker's share of those. Each cache is one
// LRU fed by its share of the popularity, so the system's hit ratio is the
// share-weighted sum of Che's prediction for each. As in tiered mode, in
// tiered-host mode the host caches decide what reaches the origin.
func (m *cheModel) hosts() float64 {
	c := m.c
	if c.HasShared() {
		return m.Che(c.SharedSize())
	}
	byHost := c.Hosts > 1 && c.HostBalancer == "keyhash"
	byWorker := !c.HasHost() && c.Balancer == "keyhash"
	size := c.Cache
	if c.HasHost() {
		size = c.HostSize()
	}
	if !byHost && !byWorker {
		return m.Che(size)
	}
	var ring *NginxRing
	if byHost {
		ring = HostRing(c.Hosts)
	}
	var kh *keyHash
	if byWorker {
		kh = newKeyHash(c.Workers, keyHashVnodes)
	}
	owner := func(k int) int {
		o := 0
		if byHost {
			o = ring.Pick(KeyURI(k)) * c.Workers
		}
		if byWorker {
			o += kh.pick(k)
		}
		return o
	}
	return m.routedTo(owner, c.Hosts*c.Workers, size)
}

// routedTo predicts caches of size each, where owner(k) in [0, caches) is
// the cache key k always reaches.
func (m *cheModel) routedTo(owner func(k int) int, caches, size int) float64 {
	c := m.c
	parts := make([][]float64, caches)
	for k, q := range m.popularity() {
		o := owner(k)
		parts[o] = append(parts[o], q)
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
		if c.Dist == "scan" { // each cache sweeps its own keys in order
			if size >= len(part) {
				total += share
			}
			continue
		}
		for i := range part {
			part[i] /= share
		}
		total += share * che(part, size)
	}
	return total
}
