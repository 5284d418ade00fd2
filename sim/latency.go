package sim

import (
	"math"
	"slices"
)

// The paths a request can take; each has one modelled latency.
const (
	pathLocal  = iota // a read answered by the worker's cache
	pathShared        // a read answered by the shared cache
	pathOrigin        // a read that went to the origin
	pathWrite         // a write
	paths
)

// pathCosts gives each path's latency under c, in microseconds.
func pathCosts(c Config) [paths]int {
	local, shared := 0, 0
	if c.HasLocal() {
		local = c.Cost.Local
	}
	if c.HasShared() {
		shared = c.Cost.Shared
	}
	if c.HasHost() {
		shared = c.Cost.Host // the host cache stands where the shared one would
	}
	return [paths]int{
		pathLocal:  c.Cost.Local,
		pathShared: local + shared,
		pathOrigin: local + shared + c.Cost.Origin,
		pathWrite:  c.Cost.Origin + shared,
	}
}

// summarize computes percentiles from counts of requests per path.
func summarize(costs [paths]int, counts [paths]int64) Latency {
	order := []int{pathLocal, pathShared, pathOrigin, pathWrite}
	slices.SortStableFunc(order, func(a, b int) int { return costs[a] - costs[b] })
	var n int64
	sum := 0.0
	for p, k := range counts {
		n += k
		sum += float64(k) * float64(costs[p])
	}
	if n == 0 {
		return Latency{}
	}
	q := func(f float64) int {
		// the smallest latency with at least f of the requests at or below it
		rank := max(int64(math.Ceil(f*float64(n))), 1)
		var seen int64
		for _, p := range order {
			seen += counts[p]
			if seen >= rank {
				return costs[p]
			}
		}
		return costs[order[len(order)-1]]
	}
	return Latency{P50: q(0.50), P95: q(0.95), P99: q(0.99), Mean: sum / float64(n)}
}
