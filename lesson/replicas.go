package lesson

import (
	"fmt"
	"sync"

	"github.com/cachepit/cachepit/sim"
)

// replicas repeats the pitfall one level up: three hosts behind round
// robin, each with a cache its own workers share.
var replicas = Lesson{
	Slug:  "replicas",
	Title: "12. The same bug one level up: replicas",
	Prose: []string{
		"Most sites run several hosts (or containers) behind a load balancer, each with its own gunicorn. " +
			"Put a Memcached on localhost in each host and its workers share it: the pitfall is gone inside the host, and back between hosts.",
		"Here 3 hosts of 2 workers each sit behind nginx's round robin. Each host cache holds 100 entries; round robin sends every key to every host, " +
			"so each host cache fills with the same popular keys, and the cluster holds each of them three times.",
		"Two fixes. One global cache (a Redis or Memcached every host reaches, mode shared) holds each key once. " +
			"Or route by key at the load balancer (nginx's hash $request_uri consistent, host-balancer keyhash): each key reaches one host, so each host cache holds only its own share of the keys.",
		"nginx's consistent hash puts every host at many points on a ring; a key goes to the next point. " +
			"Take a host out and only the keys it owned move, to its neighbours on the ring; the others stay cached where they were.",
	},
	Query:    "hosts=3&workers=2&host-cache=100&keys=1000&writes=0&mode=host",
	Requests: 20000,
	Question: "With key routing, what happens to the cache when one host is taken out of the ring, and with round robin?",
	Answer: "With the consistent hash only the keys of the host that left move, about a third here, and they miss once on their new host; every other key stays on its host and stays cached. " +
		"Round robin never owned keys: every host already sees every key, so nothing moves, and nothing is saved either. " +
		"A plain modulo hash (hash $request_uri without consistent) would move most keys at once.",
	notice: func(r Run) []string {
		c, st := r.Config, r.Stats
		key, glob := replicaPredictions(c)
		moved, owned := ringMove(c.Hosts, c.Keys)
		return []string{
			fmt.Sprintf("%d host caches of %d entries hold %d entries for %d different keys: %d are copies of a key another host holds too.",
				c.Hosts, c.HostSize(), st.Memory.Entries, st.Memory.Distinct, st.Memory.Duplicates),
			fmt.Sprintf("Round robin across hosts: hit ratio %s, %d database reads. Che's approximation for the same memory: %s with key routing at the load balancer, %s with one global cache.",
				pct(st.HitRatio), st.Origin.Reads, pct(key), pct(glob)),
			fmt.Sprintf("Take host %d out of nginx's consistent ring: %d of the %d keys move (%s); it owned %d%s. Round robin has no owner, so every host's cache already sees all of them.",
				c.Hosts-1, moved, c.Keys, pct(ratio(int64(moved), int64(c.Keys))), owned, onlyOwn(moved, owned)),
		}
	},
}

var replicaCache sync.Map // query → [2]float64

// replicaPredictions is Che's hit ratio for c's hosts with key routing at
// the load balancer, and for one global cache of the same memory.
func replicaPredictions(c sim.Config) (keyhash, global float64) {
	q := c.Query()
	if v, ok := replicaCache.Load(q); ok {
		p := v.([2]float64)
		return p[0], p[1]
	}
	k := c
	k.HostBalancer = "keyhash"
	g := c
	g.Mode, g.SharedCache = "shared", c.Hosts*c.HostSize()
	p := [2]float64{sim.Predict(k).HitRatio, sim.Predict(g).HitRatio}
	replicaCache.Store(q, p)
	return p[0], p[1]
}

// ringMove counts the keys that change host when the last of hosts leaves
// nginx's ring, and the keys that host owned.
func ringMove(hosts, keys int) (moved, owned int) {
	if hosts < 2 {
		return 0, 0
	}
	all, less := sim.HostRing(hosts), sim.HostRing(hosts-1)
	for k := range keys {
		a, b := all.Pick(sim.KeyURI(k)), less.Pick(sim.KeyURI(k))
		if a != b {
			moved++
		}
		if a == hosts-1 {
			owned++
		}
	}
	return moved, owned
}

func onlyOwn(moved, owned int) string {
	if moved == owned {
		return ": only its keys moved"
	}
	return ""
}
