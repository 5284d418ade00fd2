package lesson

import (
	"fmt"
	"strings"
	"sync"

	"github.com/cachepit/cachepit/sim"
)

// replicas repeats the pitfall one level up: three hosts behind round
// robin, each with a cache its own workers share.
var replicas = Lesson{
	Slug:    "replicas",
	Teaches: "The same pitfall one level up: a cache per host behind a load balancer.",
	Title:   "12. The same bug one level up: replicas",
	Prose: []string{
		"Most sites run several hosts (or containers) behind a load balancer, each with its own gunicorn. " +
			"Put a Memcached on localhost in each host and its workers share it: the pitfall is gone inside the host, and back between hosts.",
		"Here 3 hosts of 2 workers each sit behind nginx's round robin. Each host cache holds 100 entries, the memory of its 2 workers' caches of 50: " +
			"300 entries in all. Round robin sends every key to every host, " +
			"so each host cache fills with the same popular keys, and the cluster holds the hottest of them three times, once per host.",
		"There are two fixes, and this lesson runs neither: it runs the pitfall, and what to notice predicts both for the same 300 entries. " +
			"One global cache (a Redis or Memcached every host reaches, mode shared) holds each key once. " +
			"Or route by key at the load balancer (nginx's hash $request_uri consistent, host-balancer keyhash): each key reaches one host, so each host cache holds only its own share of the keys. " +
			"Open the lesson in the playground to run either.",
		"nginx's consistent hash puts every host at many points on a ring; a key goes to the next point. " +
			"Take a host out and only the keys it owned move, to its neighbours on the ring; the others stay cached where they were.",
		"At 20 s of simulated time (the clock beside the progress) host 2 goes out. Round robin spreads its share of every key over the other two hosts, which already cache the same popular keys: " +
			"here the copies are a spare. The line above the hosts says how many keys keyhash would have moved instead; " +
			"in the playground, with host-balancer keyhash, each host lists the hottest keys it serves and the ones that moved in.",
		"At 35 s host 2 comes back, its processes restarted and its cache empty. Round robin sends it its share of every key again, " +
			"so it misses the popular keys the other hosts still hold until its cache has them again: a third copy costs a third set of cold misses. " +
			"A cache of popular keys refills quickly; the lines below set each window beside the same requests with every host up, so what the outage cost shows apart from the luck of the keys drawn.",
	},
	// No host-cache: each host cache is its workers' memory, 2 × 50, so
	// that the theory's per-worker and shared rows count the same 300
	// entries as the host caches.
	Query:    "hosts=3&workers=2&cache=50&keys=1000&writes=0&mode=host&outage=host2@20s-35s",
	Requests: 20000,
	Marks: []Mark{
		{Seq: 7449, At: 20e6, Text: "20 s: host 2 has just gone out. Round robin sends its requests to hosts 0 and 1, which already cache the same popular keys."},
		{Seq: 12903, At: 35e6, Text: "35 s: host 2 is back, its processes restarted and its cache empty: it misses the popular keys the other hosts still hold."},
	},
	Question: "With key routing, what happens to the cache when one host is taken out of the ring, and with round robin?",
	Answer: "With the consistent hash only the keys of the host that left move, about a third here, and they miss once on their new host; every other key stays on its host and stays cached. " +
		"Round robin never owned keys: every host already sees every key, so nothing moves, and nothing is saved either. " +
		"A plain modulo hash (hash $request_uri without consistent) would move most keys at once.",
	notice: func(r Run) []string {
		c, st := r.Config, r.Stats
		from, back := outageSpanOf(c, "host2")
		key, glob := replicaPredictions(c)
		moved, owned, to := ringMove(c.Hosts, c.Keys)
		held, dups, w := replicaWindows(r.Series[0], from, back)
		memory := int(c.Hosts) * c.HostSize() // what replicaPredictions gives the global cache
		cached := fmt.Sprintf("%s host caches of %s entries hold %s: %s are copies of a key another host holds too.", count(int(c.Hosts)), count(int(c.HostSize())), counts(int(st.Memory.Entries), "entry", "entries"), count(int(st.Memory.Duplicates)))
		if st.Now >= from {
			cached = fmt.Sprintf("Before host %s went out, the %s host caches of %s entries held %s entries: %s were copies of a key another host held too.", count(int(c.Hosts-1)), count(int(c.Hosts)), count(int(c.HostSize())), count(int(held)), count(int(dups)))
		}
		lines := []string{
			cached,
			fmt.Sprintf("Round robin across hosts: %s, %s. Che's approximation for the same %s entries as the host caches: %s with key routing at the load balancer, %s with one global cache of %s.",
				hitRatioSoFar(st), counts(int(st.Origin.Reads), "database read", "database reads"), count(memory), pct(key), pct(glob), count(memory)),
		}
		host := count(int(c.Hosts - 1))
		if st.Now < from {
			return append(lines, fmt.Sprintf("Host %s goes out at %s and comes back at %s.", host, sim.FormatDuration(from), sim.FormatDuration(back)))
		}
		// The same requests with every host up tell the outage apart from
		// the luck of the keys drawn in those seconds.
		n := st.Seq
		if r.lesson != nil {
			n = max(n, int64(r.lesson.Requests))
		}
		same, err := withoutOutage(c, n)
		if err != nil {
			return append(lines, err.Error())
		}
		lines = append(lines, fmt.Sprintf("Host %s went out at %s: round robin sent its share of every key to the other hosts, which cache the same keys. %s",
			host, sim.FormatDuration(from), outHitRatios(w, same, st.Now < back)))
		if st.Now < back {
			lines = append(lines, fmt.Sprintf("It comes back at %s with an empty cache.", sim.FormatDuration(back)))
		} else {
			h := st.Hosts[c.Hosts-1].Cache
			lines = append(lines, fmt.Sprintf("Host %s came back at %s with an empty cache%s; its cache holds %s of its %s entries now.",
				host, sim.FormatDuration(back), backHitRatios(w, same), count(h.Currsize), count(h.Maxsize)))
		}
		return append(lines,
			fmt.Sprintf("With keyhash, host %s leaving nginx's consistent ring moves %s of the %s keys (%s), to %s; it owned %s%s. Each misses once on its new host. Round robin has no owner, so every host's cache already sees all of them.",
				count(int(c.Hosts-1)), count(int(moved)), count(int(c.Keys)), pct(ratio(int64(moved), int64(c.Keys))), to, count(int(owned)), onlyOwn(moved, owned)),
		)
	},
}

// stretch sums the series windows that lie wholly in a stretch of the
// run: its reads and hits, and the time they cover (µs), so that the same
// seconds can be read from the run with every host up.
type stretch struct {
	hits, reads int64
	from, to    int64 // µs; to is 0 when no window lies in it yet
}

func (s stretch) ratio() float64 { return ratio(s.hits, s.reads) }

// add counts a window from prev to p.At.
func (s *stretch) add(p sim.Point, prev int64) {
	if s.to == 0 {
		s.from = prev
	}
	s.hits, s.reads, s.to = s.hits+p.Hits, s.reads+p.Reads, p.At
}

// replicaWindows reads a series around an outage from from to back (µs):
// the entries and duplicates cached at the last window before it, and the
// stretches before, during and since. A window that straddles the outage's
// start or end belongs to no stretch.
func replicaWindows(series []sim.Point, from, back int64) (held, dups int, w [3]stretch) {
	prev := int64(0)
	for _, p := range series {
		switch {
		case p.At <= from:
			held, dups = p.Entries, p.Duplicates
			w[0].add(p, prev)
		case prev >= from && p.At <= back:
			w[1].add(p, prev)
		case prev >= back:
			w[2].add(p, prev)
		}
		prev = p.At
	}
	return held, dups, w
}

// outHitRatios sets the hit ratio before the outage against the one while
// it lasts, and the same requests' with every host up in the same seconds;
// a stretch with no read measured yet says so instead of reading 0.0%.
func outHitRatios(w [3]stretch, same *steady, out bool) string {
	before := fmt.Sprintf("Hit ratio %s before", pct(w[0].ratio()))
	if w[0].reads == 0 {
		before = "No hit ratio measured before"
	}
	up, ok := same.between(w[1].from, w[1].to)
	if w[1].reads == 0 || !ok {
		return before + "; it has just gone out, and no stretch of its outage is measured yet."
	}
	while := "while it was out"
	if out {
		while = "since it went out"
	}
	return fmt.Sprintf("%s, %s %s; the same requests with every host up: %s in those seconds.", before, pct(w[1].ratio()), while, pct(up))
}

// backHitRatios is the hit ratio since the host came back, against the
// same requests' with every host up all along.
func backHitRatios(w [3]stretch, same *steady) string {
	up, ok := same.between(w[2].from, w[2].to)
	if w[2].reads == 0 || !ok {
		return ": it has just come back, and no stretch since is measured yet"
	}
	return fmt.Sprintf(" and missed the popular keys again: hit ratio %s since it came back, %s for the same requests with every host up all along", pct(w[2].ratio()), pct(up))
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
// nginx's ring, the keys that host owned, and where they went: "host 0
// (170) and host 1 (154)".
func ringMove(hosts, keys int) (moved, owned int, to string) {
	if hosts < 2 {
		return 0, 0, "no host"
	}
	all, less := sim.HostRing(hosts), sim.HostRing(hosts-1)
	went := make([]int, hosts)
	for k := range keys {
		a, b := all.Pick(sim.KeyURI(k)), less.Pick(sim.KeyURI(k))
		if a != b {
			moved++
			went[b]++
		}
		if a == hosts-1 {
			owned++
		}
	}
	var parts []string
	for h, n := range went {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("host %s (%s)", count(int(h)), count(int(n))))
		}
	}
	if len(parts) > 1 {
		return moved, owned, strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	return moved, owned, strings.Join(parts, "")
}

func onlyOwn(moved, owned int) string {
	if moved == owned {
		return ": only its keys moved"
	}
	return ""
}
