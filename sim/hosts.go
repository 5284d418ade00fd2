package sim

import "strconv"

// MaxHosts is the most hosts a Config may ask for.
const MaxHosts = 64

// HostBalancers are the names Config.HostBalancer accepts: nginx's upstream
// methods (round robin is its default).
var HostBalancers = []string{"roundrobin", "leastconn", "random", "keyhash"}

// streamHosts seeds the host balancer's random stream, apart from the
// workload's and the workers' balancer's.
const streamHosts = 16

// HasHost reports whether this mode keeps one cache per host, shared by the
// host's workers (a Memcached on localhost, PHP's APCu).
func (c Config) HasHost() bool { return c.Mode == "host" || c.Mode == "tiered-host" }

// HostSize is each host cache's maxsize: HostCache, or Workers*Cache (the
// memory of the host's per-worker caches) when that is 0.
func (c Config) HostSize() int {
	if c.HostCache > 0 {
		return c.HostCache
	}
	return c.Workers * c.Cache
}

// HostAddr is host h's address in the convention cachepit real and
// cachepit nginx-conf use for several hosts on one machine: 127.0.0.1:8001
// for host 0, 127.0.0.1:8002 for host 1, and so on. The keyhash host
// balancer builds nginx's ring over these strings, so it predicts a real
// nginx's choice when the upstream's server lines are written so, in order.
func HostAddr(h int) string { return "127.0.0.1:" + strconv.Itoa(8001+h) }

// KeyURI is the $request_uri nginx hashes for key: cachepit load requests
// /item/<key>.
func KeyURI(key int) string { return "/item/" + strconv.Itoa(key) }

// HostRing is the nginx ring of n hosts at HostAddr(0..n-1): the host a
// request for key reaches is HostRing(n).Pick(KeyURI(key)).
func HostRing(n int) *NginxRing {
	addrs := make([]string, n)
	for h := range addrs {
		addrs[h] = HostAddr(h)
	}
	r, err := NewNginxRing(addrs, nil)
	if err != nil { // n >= 1 is validated before this point
		panic(err)
	}
	return r
}

// host is one machine behind the load balancer. Its workers are
// s.workers[first:first+Workers]; they race in accept on the host's own
// listen socket, or its balancer hands them requests, and in host modes they
// share its cache.
type host struct {
	first    int      // index of its first worker
	bal      balancer // picks among its workers, 0-based
	race     racer    // bal, when its workers race to accept
	free     int      // its workers with a free thread, up
	idle     idleSet  // which they are
	listen   fifo     // its listen socket's backlog, when workers race
	inflight int      // requests it holds, for the host balancer's leastconn
	cache    *lru     // the host cache, nil unless HasHost
	st       SharedStats
	down     int // outages of this host under way
}

// newHosts builds c.Hosts hosts over ws. The workers' balancers draw from one
// stream, so that one host behaves exactly as the engine did before hosts.
func (s *Sim) newHosts(c Config) {
	src := newSource(c.Seed, streamBalancer)
	s.hosts = make([]host, c.Hosts)
	for i := range s.hosts {
		h := &s.hosts[i]
		h.first = i * c.Workers
		h.bal = newBalancer(c, src, s.workers[h.first:h.first+c.Workers])
		h.race, _ = h.bal.(racer)
		for w := range c.Workers {
			h.join(w)
		}
		if c.HasHost() {
			s.hostCaches = true
			h.cache = newLRU(c.HostSize(), s.release)
			h.st.Maxsize = c.HostSize()
		}
	}
	if c.Hosts > 1 {
		s.hbal = newHostBalancer(c, newStream(c.Seed, streamHosts), s.hosts)
	}
}

// join counts the host's worker i (0-based in the host) as accepting: up,
// with a free thread; leave, as no longer.
func (h *host) join(i int) {
	h.free++
	h.idle.add(i)
}

func (h *host) leave(i int) {
	h.free--
	h.idle.remove(i)
}

// hostOf is the host worker wi runs on (read from the worker: a division
// per call was a measurable part of a request's cost).
func (s *Sim) hostOf(wi int) *host { return &s.hosts[s.workers[wi].stats.Host] }

// pickHost is the host that takes a new request for key, or -1 when every
// host is out.
func (s *Sim) pickHost(key int) int {
	if s.hbal == nil {
		return 0
	}
	return s.hbal.pick(key)
}

// l2 is the cache behind worker wi's own, the shared cache or its host's,
// with its counters; nil when the mode has none.
func (s *Sim) l2(wi int) (*lru, *SharedStats) {
	if s.shared != nil {
		return s.shared, &s.sharedSt
	}
	if !s.hostCaches {
		return nil, nil
	}
	if h := s.hostOf(wi); h.cache != nil {
		return h.cache, &h.st
	}
	return nil, nil
}

// reachable reports whether the cache counted by st answers now. A cache
// that is out fails at once (connection refused): the error is counted and
// the request goes on without it, as a fail-open client does.
func (s *Sim) reachable(st *SharedStats) bool {
	if st == &s.sharedSt && s.sharedDown > 0 {
		st.Errors++
		return false
	}
	return true
}

// hostStats snapshots every host: its workers' sums and its cache.
func (s *Sim) hostStats(workers []WorkerStats, elapsed int64) []HostStats {
	out := make([]HostStats, len(s.hosts))
	for i := range s.hosts {
		h := &s.hosts[i]
		hs := HostStats{ID: i, Total: WorkerStats{ID: -1, Host: i}, Cache: h.st, Down: h.down > 0}
		if h.cache != nil {
			hs.Cache.Currsize = h.cache.Len()
		}
		for _, w := range workers[h.first : h.first+s.cfg.Workers] {
			hs.Total.Add(w)
		}
		hs.Total.Utilization = ratio(hs.Total.BusyMicros, elapsed*int64(s.threads)*int64(s.cfg.Workers))
		out[i] = hs
	}
	return out
}

// HostKeys lists host h's cache from least to most recently used, without
// changing recency. It is empty without host caches or for an out-of-range host.
func (s *Sim) HostKeys(h int) []Entry {
	if h < 0 || h >= len(s.hosts) || s.hosts[h].cache == nil {
		return nil
	}
	return s.entriesOf(s.hosts[h].cache)
}
