package load

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// Several hosts: cachepit load sends its requests to nginx (Target) in front
// of several cachepit real hosts (Options.Backends, written as in nginx's
// server lines), reads every host's /stats, and predicts the run with the
// engine's hosts and host balancer.

// HostMeasure is one host's part of a run.
type HostMeasure struct {
	Addr     string  `json:"addr"` // HOST:PORT, as in nginx's server line
	Requests int64   `json:"requests"`
	Reads    int64   `json:"reads"`
	Hits     int64   `json:"hits"`
	HitRatio float64 `json:"hit_ratio"`
	Stale    int64   `json:"stale"`
}

// Routing is how nginx spread the answers over the hosts, read from each
// answer's X-Cachepit-Host header (the host's listening address).
type Routing struct {
	Named  int64 `json:"named"`             // answers from one of the backends
	OnRing int64 `json:"on_ring,omitempty"` // keyhash: answers from the host nginx's ring over the backends predicts
	InTurn int64 `json:"in_turn"`           // answers from the host after the previous answer's, as one rotation sends them
}

// router counts Routing as the answers arrive.
type router struct {
	hosts map[string]int // backend address to its index
	ring  *sim.NginxRing // nil unless keyhash
	prev  int            // host of the previous answer; -1 before the first
	r     Routing
}

func newRouter(backends []string, balancer string) (*router, error) {
	rt := &router{hosts: map[string]int{}, prev: -1}
	for i, b := range backends {
		rt.hosts[b] = i
	}
	if balancer == "keyhash" {
		ring, err := sim.NewNginxRing(backends, nil)
		if err != nil {
			return nil, err
		}
		rt.ring = ring
	}
	return rt, nil
}

// add counts the answer for key that host (its X-Cachepit-Host) gave.
func (rt *router) add(key int, host string) {
	h, ok := rt.hosts[host]
	if !ok {
		rt.prev = -1
		return
	}
	rt.r.Named++
	if rt.ring != nil && rt.ring.Pick(sim.KeyURI(key)) == h {
		rt.r.OnRing++
	}
	if rt.prev >= 0 && h == (rt.prev+1)%len(rt.hosts) {
		rt.r.InTurn++
	}
	rt.prev = h
}

// hostsConfig turns the engine's model of one host into the model of the
// backends behind nginx, with notes on what it cannot predict.
func hostsConfig(c *sim.Config, o Options, sts []serverStats) ([]string, error) {
	n := len(o.Backends)
	if n > sim.MaxHosts {
		return nil, fmt.Errorf("--backends lists %d hosts; the engine models at most %d", n, sim.MaxHosts)
	}
	if !slices.Contains(sim.HostBalancers, o.HostBalancer) {
		return nil, fmt.Errorf("--host-balancer must be one of %s, got %q", strings.Join(sim.HostBalancers, ", "), o.HostBalancer)
	}
	c.Hosts, c.HostBalancer = n, o.HostBalancer
	var notes []string
	oneDB := oneDatabase(o.Backends, sts)
	if c.HasShared() && !oneDB {
		to := map[string]string{"shared": "host", "tiered": "tiered-host"}[c.Mode]
		notes = append(notes, fmt.Sprintf("the hosts run mode %s, but they do not share one database, and each keys its cache entries with its own prefix, so the hosts never share one entry: predicted as mode %s (one cache per host; start all hosts but one with --origin to share the cache too)", c.Mode, to))
		c.Mode = to
	}
	switch o.HostBalancer {
	case "keyhash":
		for i, b := range o.Backends {
			if b != sim.HostAddr(i) {
				notes = append(notes, fmt.Sprintf("the engine's ring is over hosts at %s, %s, ... in order, and --backends gives %s for host %d: the routing check uses your backends, but the engine's per-host figures are for its own ring (start the hosts at 127.0.0.1:8001.. to compare them)", sim.HostAddr(0), sim.HostAddr(1), b, i))
				break
			}
		}
	case "roundrobin":
		notes = append(notes, "round robin: each nginx worker process keeps its own rotation, so the hosts take turns request by request only with worker_processes 1 (as cachepit nginx-conf writes) and one client; otherwise compare the shares")
	case "leastconn":
		notes = append(notes, "least_conn: with one client every host holds no request when the next arrives and nginx breaks the tie by round robin; with several, which host holds fewest depends on timing (and on each nginx worker's own counts): compare the shares, not requests")
	case "random":
		notes = append(notes, "random: nginx draws hosts from its own generator, not the engine's: compare the shares, not requests")
	}
	if o.HostBalancer != "keyhash" && !oneDB {
		notes = append(notes, "stale reads: the hosts do not share one database (start all but one with cachepit real --origin http://ITS_ADDRESS), so a write on one host leaves another host's copies fresh there; the engine has one database behind every host and counts them stale. With keyhash each key lives on one host and the two agree")
	}
	return notes, nil
}

// oneDatabase reports whether the hosts share one database: one of them
// keeps its own and every other uses it (cachepit real --origin, at its
// address or at the one its master serves the database on, --origin-addr). They share
// its shared caches' entries too, under its key prefix.
func oneDatabase(backends []string, sts []serverStats) bool {
	own := -1
	for i, st := range sts {
		if st.Settings.Origin == "" {
			if own >= 0 {
				return false
			}
			own = i
		}
	}
	if own < 0 {
		return false
	}
	for _, st := range sts {
		if u, err := url.Parse(st.Settings.Origin); st.Settings.Origin != "" && (err != nil || u.Host != backends[own] && u.Host != sts[own].Settings.OriginAddr) {
			return false
		}
	}
	return true
}

// hostMeasures is each host's part of m's workers, numbered across hosts
// (host h runs workers h*perHost .. h*perHost+perHost-1).
func hostMeasures(ws []sim.WorkerStats, perHost int, addrs []string) []HostMeasure {
	out := make([]HostMeasure, len(addrs))
	for h := range out {
		m := fromWorkers(ws[h*perHost:(h+1)*perHost], sim.OriginStats{})
		out[h] = HostMeasure{Addr: addrs[h], Requests: m.Requests, Reads: m.Reads, Hits: m.Hits, HitRatio: m.HitRatio, Stale: m.Stale}
	}
	return out
}
