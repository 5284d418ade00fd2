package view

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
)

// Theory is Che's prediction for a deployment: N per-worker caches of C,
// one shared cache of the size the engine uses, and routing by key.
type Theory = sim.Prediction

// TheoryOf predicts for c; it costs a few milliseconds, so compute it once per config.
func TheoryOf(c sim.Config) Theory { return sim.Predict(c) }

// TheoryMaxKeys bounds the key space the playground predicts for: Che's
// approximation costs time in proportion to the keys (about 0.1 s for
// 20,000 natively, seconds for a million), and the page must not stall.
const TheoryMaxKeys = 20_000

// TheoryFor is TheoryOf(c) when c's key space is small enough to predict
// at once; ok is false otherwise.
func TheoryFor(c sim.Config) (t Theory, ok bool) {
	if c.Keys > TheoryMaxKeys {
		return Theory{}, false
	}
	return TheoryOf(c), true
}

// MeasuredOf reads each view's hit ratio for the theory panel.
func MeasuredOf(views []System) []Measured {
	out := make([]Measured, len(views))
	for i, v := range views {
		out[i] = Measured{Mode: v.Config.Mode, HostBalancer: v.Config.HostBalancer, HitRatio: v.Stats.HitRatio, Reads: v.Stats.Total.Reads,
			Utilization: v.Stats.Total.Utilization, MeanResponse: v.Stats.Latency.Mean}
	}
	return out
}

// Measured is a live system's hit ratio, for the theory panel.
type Measured struct {
	Mode         string
	HostBalancer string // across hosts: matters with several hosts
	HitRatio     float64
	Reads        int64

	Utilization  float64 // each thread's busy fraction
	MeanResponse float64 // µs
}

// HostsWords explains the prediction for a system of several hosts, or
// with host caches: which caches see which keys across the hosts. It is ""
// for one host without host caches, which the panel explains on its own.
// ms[0] is the system the page runs first.
func HostsWords(t Theory, ms []Measured) string {
	if len(ms) == 0 || t.Hosts <= 1 && !isHostMode(ms[0].Mode) {
		return ""
	}
	m := ms[0]
	hosts, workers := max(t.Hosts, 1), max(t.Hosts, 1)*t.Workers
	keyhash := hosts > 1 && m.HostBalancer == "keyhash"
	s := "Che's approximation predicts an LRU cache's long-run hit ratio. "
	switch {
	case isHostMode(m.Mode) && hosts == 1:
		return s + fmt.Sprintf("One host: its cache of %s entries, shared by its %s, is the shared cache here.", Count(t.HostSize), Plural(int64(t.Workers), "worker"))
	case isHostMode(m.Mode) && keyhash:
		return s + fmt.Sprintf("nginx's consistent hash sends each key to one host, so each of the %d host caches of %s entries sees only its share of the keys: "+
			"together they hit about like one cache of %s, as one shared cache of that memory would.", hosts, Count(t.HostSize), Count(hosts*t.HostSize))
	case isHostMode(m.Mode):
		return s + fmt.Sprintf("%s sends every key to every host, so each of the %d host caches of %s entries sees the whole request stream and hits like one cache of %s: "+
			"the %d hosts hold %s entries and hit like %s. Routed by key (keyhash) they would hit about like one cache of %s.",
			m.HostBalancer, hosts, Count(t.HostSize), Count(t.HostSize), hosts, Count(hosts*t.HostSize), Count(t.HostSize), Count(hosts*t.HostSize))
	case m.Mode == "shared" || m.Mode == "tiered":
		return s + fmt.Sprintf("One shared cache of %s entries serves all %s on the %d hosts: how the hosts share the requests makes no difference to it.",
			Count(t.SharedSize), Plural(int64(workers), "worker"), hosts)
	case keyhash:
		return s + fmt.Sprintf("nginx's consistent hash sends each key to one host, so the %s per-worker caches of %d on a host see only that host's share of the keys, "+
			"and hit better than caches that see every key.", Count(t.Workers), t.Cache)
	}
	return s + fmt.Sprintf("%s sends every key to every host and every worker, so each of the %s per-worker caches of %d entries, on %d hosts, hits like one cache of %d.",
		m.HostBalancer, Count(workers), t.Cache, hosts, t.Cache)
}

// HostsRow names the row of the system as a whole: its hosts, its cache
// scope and how the hosts share the requests.
func HostsRow(t Theory, m Measured) string {
	return fmt.Sprintf("this system: %d hosts × %s, %s, %s across hosts", t.Hosts, Plural(int64(t.Workers), "worker"), scopeWords(m.Mode), m.HostBalancer)
}

func isHostMode(mode string) bool { return mode == "host" || mode == "tiered-host" }

// scopeWords names a mode's caches in a few words.
func scopeWords(mode string) string {
	switch mode {
	case "host":
		return "one cache per host"
	case "tiered-host":
		return "lru_cache in front of each host's cache"
	case "shared":
		return "one shared cache"
	case "tiered":
		return "lru_cache in front of one shared cache"
	}
	return "a cache in each worker"
}
