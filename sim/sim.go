package sim

import (
	"fmt"
	"math/rand/v2"
)

// Sim is one simulated deployment in time: arrivals, a listen socket, a
// balancer, workers with threads and their own caches, an optional shared
// cache and the origin. It is not safe for concurrent use.
type Sim struct {
	cfg        Config
	work       *Workload
	arr        arrivals
	hosts      []host       // one, unless Config.Hosts says more
	hbal       hostBalancer // picks the host, with more than one
	life       *rand.Rand   // max-requests jitter
	workers    []worker
	shared     *lru // nil in local mode
	hostCaches bool // each host has a cache (host modes)
	sharedSt   SharedStats
	versions   []uint32 // the origin: each key's current version
	holders    []int32  // how many caches hold each key
	entries    int      // entries in all caches
	distinct   int      // keys held by at least one cache
	origin     OriginStats
	costs      [paths]int
	hist       histogram // response times of counted requests, but for the series' open window
	preload    []int     // keys every worker starts with, least popular first
	evicted    int       // key evicted by the last Add, or -1

	now         int64 // µs since New
	q           queue
	reqs        pool
	begun       bool  // the arrivals have started
	arrived     int64 // requests that arrived, numbering them
	seq         int64 // requests answered
	threads     int32
	refused     int64 // connections refused by a full backlog
	waiting     int   // connections waiting on all sockets now
	backlogPeak int   // most waiting at once in the current series window
	backlogMax  int   // most waiting at once since counting started
	counted     int64 // µs when counting started
	pool        originPool
	rolling     int           // during a rolling restart, the next worker to restart (from 1); else 0
	flights     map[int]int32 // coalescing: per key, the latest request fetching it; nil when Coalesce is none
	serving     int           // requests on a thread now
	overlapped  bool          // two requests have been on threads at once
	soon        int32         // a closed client (+1) whose next request arrives now, before anything queued

	outages    []outage
	nextOutage int64 // when the next outage starts or ends
	sharedDown int   // outages of the shared cache under way

	series series
}

// New builds the deployment c describes, with every worker started.
func New(c Config) (*Sim, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	s := &Sim{
		cfg:      c,
		work:     newWorkload(c),
		arr:      newArrivals(c),
		life:     newStream(c.Seed, streamLifecycle),
		workers:  make([]worker, c.Hosts*c.Workers),
		versions: make([]uint32, c.Keys),
		holders:  make([]int32, c.Keys),
		costs:    pathCosts(c),
		evicted:  -1,
		threads:  int32(c.Threads),
		pool:     originPool{conns: c.OriginConns, fetching: make([]int32, c.Keys)},
	}
	s.outages, _ = parseOutages(c.Outage, c.Hosts) // validated above
	s.nextOutage = noChange
	if len(s.outages) > 0 {
		s.nextOutage = 0
	}
	s.newHosts(c)
	if c.Coalesce != "none" {
		s.flights = make(map[int]int32)
	}
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
		w.stats.ID, w.stats.Host = i, i/c.Workers
		if c.HasLocal() {
			w.cache = newLRU(c.Cache, s.release)
			w.stats.Maxsize = c.Cache
		}
		s.start(w)
	}
	s.series.reset(s)
	return s, nil
}

// Seq is how many requests have been answered, warmup included.
func (s *Sim) Seq() int64 { return s.seq }

// Now is the simulated time in microseconds since New.
func (s *Sim) Now() int64 { return s.now }

// Config returns the configuration the Sim was built with.
func (s *Sim) Config() Config { return s.cfg }

// Step runs time forward until the next request is answered, and returns it.
// The first Step starts the arrivals.
func (s *Sim) Step() Event {
	s.begin()
	for {
		if ri := s.next(); ri >= 0 {
			return s.reqs.reqs[ri].ev
		}
	}
}

// Run answers n requests. It is Step without copying out each Event.
func (s *Sim) Run(n int) {
	s.begin()
	for range n {
		for s.next() < 0 {
		}
	}
}

// begin starts the arrivals, once.
func (s *Sim) begin() {
	if !s.begun {
		s.begun = true
		s.arr.begin(&s.q, s.now)
	}
}

// Do sends one request to a chosen worker now, bypassing the workload and
// the balancer, and runs time forward until it is answered: scripted
// scenarios such as the post's use it. Before the first Step nothing else
// arrives meanwhile.
func (s *Sim) Do(worker, key int, op Op) (Event, error) {
	if worker < 0 || worker >= len(s.workers) {
		return Event{}, fmt.Errorf("worker must be between 0 and %d, got %d", len(s.workers)-1, worker)
	}
	if key < 0 || key >= s.cfg.Keys {
		return Event{}, fmt.Errorf("key must be between 0 and %d, got %d", s.cfg.Keys-1, key)
	}
	mine := s.admit(-1, key, op, worker)
	for {
		if ri := s.next(); ri == mine {
			return s.reqs.reqs[ri].ev, nil
		}
	}
}

// next runs the earliest event. When it answers a request, it returns the
// request's index, and the request's Event stays readable in the pool until
// the next arrival; otherwise it returns -1. A closed client's arrival now is
// run first, and then, when the request is on a thread and its end is all
// that is pending, that end too.
func (s *Sim) next() int32 {
	if s.soon > 0 {
		c := s.soon - 1
		s.soon = 0
		s.arrive(c)
	}
	if ri, at := s.q.takeEnd(); ri >= 0 {
		s.now = at
		s.checkOutages()
		s.finish(ri)
		return ri
	}
	if s.q.len() == 0 {
		panic("sim: nothing left to happen") // arrivals or requests in flight always are
	}
	e := s.q.pop()
	s.now = e.at
	s.checkOutages()
	kind := e.kind()
	if kind == evArrive {
		s.arrive(e.who)
		return -1
	}
	if kind == evBoot {
		s.up(int(e.who))
		return -1
	}
	if e.tag != s.reqs.reqs[e.who].tag {
		return -1 // the request was answered or killed since
	}
	switch kind {
	case evFetch:
		s.toOrigin(e.who)
	case evTimeout:
		s.timeout(e.who)
	case evDone:
		s.finish(e.who)
		return e.who
	}
	return -1
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
		w.cache.Add(k, entry{})
		s.hold(k)
	}
}

// resetCounters starts counting afresh at the end of the warmup.
func (s *Sim) resetCounters() {
	for i := range s.workers {
		st := &s.workers[i].stats
		*st = WorkerStats{ID: st.ID, Host: st.Host, Generation: st.Generation, Maxsize: st.Maxsize}
	}
	for i := range s.hosts {
		s.hosts[i].st = SharedStats{Maxsize: s.hosts[i].st.Maxsize}
	}
	s.sharedSt = SharedStats{Maxsize: s.sharedSt.Maxsize}
	s.origin = OriginStats{}
	s.hist.reset()
	s.refused = 0
	s.backlogMax = s.waiting
	s.counted = s.now
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
