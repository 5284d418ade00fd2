package view

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
)

// Host is what one host group draws: its workers' cards (System.Workers
// from First, Cards of them), its figures and its host cache.
type Host struct {
	Stats    sim.HostStats
	First    int   // index in System.Workers of its first card
	Cards    int   // its worker cards drawn (the rest are simulated, not drawn)
	HasCache bool  // the mode keeps a cache per host
	Cache    Cache // the newest part of its host cache
}

// Grouped reports whether the system view draws hosts: with several hosts,
// or with host caches.
func Grouped(c sim.Config) bool { return c.Hosts > 1 || c.HasHost() }

// hostsOf builds the host groups of a snapshot; cards is how many worker
// cards are drawn. Without grouping it is nil.
func hostsOf(c sim.Config, st sim.Stats, cards int) []Host {
	if !Grouped(c) || len(st.Hosts) == 0 {
		return nil
	}
	out := make([]Host, 0, len(st.Hosts))
	for _, hs := range st.Hosts {
		first := hs.ID * c.Workers
		if first >= cards {
			break
		}
		out = append(out, Host{Stats: hs, First: first, Cards: min(c.Workers, cards-first), HasCache: c.HasHost()})
	}
	return out
}

// hostCaches lists each drawn host's cache contents, newest last.
func hostCaches(hs []Host, s *sim.Sim) {
	for i := range hs {
		if hs[i].HasCache {
			hs[i].Cache = newestOf(s.HostKeys(hs[i].Stats.ID), 32, 0, nil)
		}
	}
}

// refreshHosts brings the host groups' figures up to date, keeping the
// cache contents listed by the last snapshot.
func refreshHosts(old []Host, c sim.Config, st sim.Stats, cards int) []Host {
	hs := hostsOf(c, st, cards)
	for i := range hs {
		if i < len(old) {
			hs[i].Cache = old[i].Cache
		}
		if hs[i].HasCache {
			hs[i].Cache = sized(hs[i].Cache, hs[i].Stats.Cache.Currsize, hs[i].Stats.Cache.Maxsize)
		}
	}
	return hs
}

// Cards is how many worker cards a system of c draws: every worker of
// every host, up to MaxCards.
func Cards(c sim.Config) int { return min(max(c.Hosts, 1)*c.Workers, MaxCards) }

// CacheSizes says, for the mode control, the caches c's mode keeps and the
// size each has in effect (a size of 0 in the settings means the memory of
// the per-worker caches): per worker, per host and shared.
func CacheSizes(c sim.Config) string {
	hosts, workers := max(c.Hosts, 1), max(c.Hosts, 1)*c.Workers
	local, host, shared := "none", "none", "none"
	if c.HasLocal() {
		local = fmt.Sprintf("lru_cache(maxsize=%d) in each of %s", c.Cache, Plural(int64(workers), "worker"))
	}
	if c.HasHost() {
		host = fmt.Sprintf("%s entries on each of %s", Count(c.HostSize()), Plural(int64(hosts), "host"))
	}
	if c.HasShared() {
		shared = "one cache of " + Count(c.SharedSize()) + " entries"
	}
	return "Caches in effect: per worker " + local + " · per host " + host + " · shared " + shared + "."
}
