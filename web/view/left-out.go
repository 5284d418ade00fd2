package view

import (
	"slices"

	"github.com/cachepit/cachepit/sim"
)

// leftOut lists what system c has, so far in a run that reached st, that
// Che's approximation leaves out: it predicts caches that nothing empties
// or invalidates. Restarts count only where they empty a cache, in the
// workers' own; a lesson's restarts and deploys count once one happened.
func leftOut(c sim.Config, st sim.Stats) []string {
	var out []string
	if c.Writes > 0 {
		out = append(out, "writes")
	}
	if c.TTL > 0 && c.HasLocal() {
		out = append(out, "TTLs")
	}
	if c.HasLocal() && (st.Total.Recycles > 0 || c.MaxRequests > 0 || c.DeployAt > 0) {
		out = append(out, "worker restarts")
	}
	if c.Outage != "" {
		out = append(out, "outages")
	}
	return out
}

// LeavesOut names, as a sentence does ("writes and worker restarts"), what
// the measured systems have that Che's approximation leaves out, each
// once; "" when they have none of it.
func LeavesOut(ms []Measured) string {
	var all []string
	for _, m := range ms {
		for _, s := range m.LeftOut {
			if !slices.Contains(all, s) {
				all = append(all, s)
			}
		}
	}
	return and(all)
}
