package view

import (
	"fmt"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// CompareCacheSizes is CacheSizes for the two systems of a comparison, left
// and right: each one's caches under its title, and which of them the
// settings' fields describe (own, the page's settings). The other is the
// same system with the other cache mode (run.Partner).
func CompareCacheSizes(own, left, right sim.Config) string {
	side, other, o := "right", "left", left
	if own.Mode == left.Mode {
		side, other, o = "left", "right", right
	}
	differ := "cache mode"
	if own.Coalesce != o.Coalesce {
		differ += " and stampede protection"
	}
	return fmt.Sprintf("Caches in effect. Left (%s): %s. Right (%s): %s. The fields below set the %s one; the %s one differs only in %s.",
		strings.ToLower(Title(left)), cachesOf(left), strings.ToLower(Title(right)), cachesOf(right), side, other, differ)
}

// cachesOf lists the caches c keeps, with their sizes in effect.
func cachesOf(c sim.Config) string {
	hosts, workers := max(c.Hosts, 1), max(c.Hosts, 1)*c.Workers
	var out []string
	if c.HasLocal() {
		out = append(out, fmt.Sprintf("lru_cache(maxsize=%d) in each of %s", c.Cache, Plural(int64(workers), "worker")))
	}
	if c.HasHost() {
		out = append(out, fmt.Sprintf("%s entries on each of %s", Count(c.HostSize()), Plural(int64(hosts), "host")))
	}
	if c.HasShared() {
		out = append(out, "one shared cache of "+Count(c.SharedSize())+" entries")
	}
	return strings.Join(out, " and ")
}

// capacity is how many entries system c's caches hold between them when
// full, each its size or, with keys > 0, at most keys (a cache holds each
// key once), and how many caches it has.
func capacity(c sim.Config, keys int) (entries, caches int) {
	size := func(n int) int {
		if keys > 0 {
			return min(n, keys)
		}
		return n
	}
	hosts := max(c.Hosts, 1)
	if c.HasLocal() {
		entries, caches = hosts*c.Workers*size(c.Cache), hosts*c.Workers
	}
	if c.HasShared() {
		entries, caches = entries+size(c.SharedSize()), caches+1
	}
	if c.HasHost() {
		entries, caches = entries+hosts*size(c.HostSize()), caches+hosts
	}
	return entries, caches
}
