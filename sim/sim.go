package sim

import (
	"fmt"
	"math/rand/v2"
)

// Sim is one simulated deployment: a balancer, workers with their own caches,
// an optional shared cache and the origin. It is not safe for concurrent use.
type Sim struct {
	cfg      Config
	work     *Workload
	bal      balancer
	life     *rand.Rand // max-requests jitter
	workers  []worker
	busy     []int64 // per-worker modelled busy time, read by leastbusy
	shared   *lru    // nil in local mode
	sharedSt SharedStats
	versions []uint32 // the origin: each key's current version
	holders  []int32  // how many caches hold each key
	entries  int      // entries in all caches
	distinct int      // keys held by at least one cache
	origin   OriginStats
	costs    [paths]int
	lat      [paths]int64 // counted requests per path
	seq      int64
	preload  []int // keys every worker starts with, least popular first
	evicted  int   // key evicted by the last Add, or -1
	series   series
}

// New builds the deployment c describes, with every worker started.
func New(c Config) (*Sim, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	s := &Sim{
		cfg:      c,
		work:     newWorkload(c),
		life:     newStream(c.Seed, streamLifecycle),
		workers:  make([]worker, c.Workers),
		busy:     make([]int64, c.Workers),
		versions: make([]uint32, c.Keys),
		holders:  make([]int32, c.Keys),
		costs:    pathCosts(c),
		evicted:  -1,
	}
	s.bal = newBalancer(c, newStream(c.Seed, streamBalancer), s.busy)
	if c.HasShared() {
		s.shared = newLRU(c.SharedSize(), s.release)
		s.sharedSt.Maxsize = c.SharedSize()
	}
	if c.Preload && c.HasLocal() {
		s.preload = preloadKeys(c)
		s.origin.Reads += int64(len(s.preload)) // the master's warm-up, once, before the fork
	}
	for i := range s.workers {
		w := &s.workers[i]
		w.stats.ID = i
		if c.HasLocal() {
			w.cache = newLRU(c.Cache, s.release)
			w.stats.Maxsize = c.Cache
		}
		s.start(w)
	}
	s.series.reset(s)
	return s, nil
}

// Seq is how many requests have been served, warmup included.
func (s *Sim) Seq() int64 { return s.seq }

// Config returns the configuration the Sim was built with.
func (s *Sim) Config() Config { return s.cfg }

// Step serves the next request of the workload on the worker the balancer picks.
func (s *Sim) Step() Event {
	key, op := s.work.Next()
	return s.serve(s.bal.pick(key), key, op)
}

// Run serves n requests.
func (s *Sim) Run(n int) {
	for range n {
		key, op := s.work.Next()
		s.serve(s.bal.pick(key), key, op)
	}
}

// Do serves one request on a chosen worker, bypassing the workload and the
// balancer: scripted scenarios such as the post's use it.
func (s *Sim) Do(worker, key int, op Op) (Event, error) {
	if worker < 0 || worker >= len(s.workers) {
		return Event{}, fmt.Errorf("worker must be between 0 and %d, got %d", len(s.workers)-1, worker)
	}
	if key < 0 || key >= s.cfg.Keys {
		return Event{}, fmt.Errorf("key must be between 0 and %d, got %d", s.cfg.Keys-1, key)
	}
	return s.serve(worker, key, op), nil
}

// Restart replaces worker i's process now: its cache starts again empty (or
// preloaded), as after a crash or a deploy.
func (s *Sim) Restart(i int) error {
	if i < 0 || i >= len(s.workers) {
		return fmt.Errorf("worker must be between 0 and %d, got %d", len(s.workers)-1, i)
	}
	s.recycle(&s.workers[i])
	return nil
}

func (s *Sim) serve(wi, key int, op Op) Event {
	s.seq++
	w := &s.workers[wi]
	ev := Event{Seq: s.seq, Worker: wi, Key: key, Op: op, Evicted: -1}
	var path int
	switch op {
	case Write:
		path = s.write(w, key, &ev)
	case Info:
		path = pathLocal // the worker answers from its own memory
	default:
		path = s.read(w, key, &ev)
	}
	ev.Latency = s.costs[path]
	ev.Version = s.versions[key]
	w.stats.Requests++
	w.stats.BusyMicros += int64(ev.Latency)
	s.busy[wi] += int64(ev.Latency)
	s.lat[path]++
	w.served++
	if w.limit > 0 && w.served >= w.limit {
		s.recycle(w)
		ev.Recycled = true
	}
	if s.seq == int64(s.cfg.Warmup) {
		s.resetCounters()
	} else if s.seq == s.series.next {
		s.series.close(s)
	}
	return ev
}

func (s *Sim) read(w *worker, key int, ev *Event) int {
	w.stats.Reads++
	current := s.versions[key]
	if w.cache != nil {
		if e, ok := w.cache.Get(key); ok {
			if s.cfg.TTL == 0 || s.seq-e.filled < int64(s.cfg.TTL) {
				w.stats.Hits++
				w.stats.LocalHits++
				w.hits++
				ev.Hit, ev.From = true, Local
				s.countStale(w, ev, e.version != current)
				return pathLocal
			}
			w.cache.Remove(key)
			w.stats.Expired++
			ev.Expired = true
		}
		w.misses++
	}
	if s.shared != nil {
		if e, ok := s.shared.Get(key); ok {
			s.sharedSt.Hits++
			w.stats.Hits++
			w.stats.SharedHits++
			ev.Hit, ev.From = true, Shared
			s.countStale(w, ev, e.version != current)
			s.fillLocal(w, key, e.version, ev)
			return pathShared
		}
		s.sharedSt.Misses++
	}
	w.stats.Misses++
	s.origin.Reads++
	ev.From = Origin
	if s.shared != nil {
		s.evicted = -1
		if s.shared.Add(key, entry{current, s.seq}) {
			s.sharedSt.Evictions++
			ev.Evicted = s.evicted
		}
		s.hold(key)
	}
	s.fillLocal(w, key, current, ev)
	return pathOrigin
}

func (s *Sim) countStale(w *worker, ev *Event, stale bool) {
	if stale {
		w.stats.Stale++
		ev.Stale = true
	}
}

func (s *Sim) fillLocal(w *worker, key int, version uint32, ev *Event) {
	if w.cache == nil {
		return
	}
	s.evicted = -1
	if w.cache.Add(key, entry{version, s.seq}) {
		w.stats.Evictions++
		ev.Evicted = s.evicted
	}
	s.hold(key)
}

// write changes the key at the origin, then invalidates the writer's own copy
// and the shared copy. Other workers' copies stay: they will serve stale reads.
func (s *Sim) write(w *worker, key int, ev *Event) int {
	w.stats.Writes++
	s.origin.Writes++
	s.versions[key]++
	ev.From = Origin
	if w.cache != nil {
		w.cache.Remove(key)
	}
	if s.shared != nil {
		s.shared.Remove(key)
	}
	return pathWrite
}

// hold records a new copy of key in some cache; release, its departure.
func (s *Sim) hold(key int) {
	s.entries++
	if s.holders[key] == 0 {
		s.distinct++
	}
	s.holders[key]++
}

func (s *Sim) release(key int, _ entry) {
	s.evicted = key
	s.entries--
	s.holders[key]--
	if s.holders[key] == 0 {
		s.distinct--
	}
}

// start gives w a fresh process: an empty or preloaded cache and a new
// max-requests limit.
func (s *Sim) start(w *worker) {
	w.served = 0
	w.limit = 0
	// cache_info() is the new process's: the master's misses from its
	// warm-up (none without preload) and nothing since.
	w.hits, w.misses = 0, int64(len(s.preload))
	if s.cfg.MaxRequests > 0 {
		w.limit = int64(s.cfg.MaxRequests)
		if s.cfg.MaxRequestsJitter > 0 {
			w.limit += int64(s.life.IntN(s.cfg.MaxRequestsJitter + 1))
		}
	}
	// The preloaded copy is the master's memory from before the fork: its
	// versions are those of time zero, however much the origin changed since.
	for _, k := range s.preload {
		w.cache.Add(k, entry{0, 0})
		s.hold(k)
	}
}

func (s *Sim) recycle(w *worker) {
	if w.cache != nil {
		w.cache.Purge()
	}
	w.stats.Generation++
	w.stats.Recycles++
	s.start(w)
	if b, ok := s.bal.(restartAware); ok {
		b.restarted(w.stats.ID)
	}
}

// resetCounters starts counting afresh at the end of the warmup.
func (s *Sim) resetCounters() {
	for i := range s.workers {
		st := &s.workers[i].stats
		*st = WorkerStats{ID: st.ID, Generation: st.Generation, Maxsize: st.Maxsize}
	}
	s.sharedSt = SharedStats{Maxsize: s.sharedSt.Maxsize}
	s.origin = OriginStats{}
	s.lat = [paths]int64{}
	s.series.reset(s)
}

// preloadKeys lists the Cache most popular keys, least popular first, so that
// adding them in order leaves the most popular as the most recently used.
func preloadKeys(c Config) []int {
	n := min(c.Cache, c.Keys)
	keys := make([]int, n)
	for i := range keys {
		keys[i] = n - 1 - i // key 0 is the most popular under every distribution
	}
	return keys
}
