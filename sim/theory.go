package sim

// Prediction is every long-run hit ratio Che's approximation gives for one
// configuration, computed from the cache sizes the engine really uses, and
// the queueing figures that follow from them where theory exists.
type Prediction struct {
	Workers    int     // worker processes, N
	Cache      int     // each worker's cache size, C
	SharedSize int     // the shared cache's size: SharedSize(), N*C unless set
	PerWorker  float64 // one cache of C entries: a per-worker cache when any worker gets any key
	Shared     float64 // one shared cache of SharedSize entries
	KeyHash    bool    // the balancer routes each key to one worker
	Routed     float64 // with KeyHash: N per-worker caches of C, each seeing only its own keys
	Hosts      int     // hosts behind the load balancer, H
	HostSize   int     // each host cache's size: HostSize(), N*C unless set
	HitRatio   float64 // the system c describes, in its own mode
	Queueing           // open arrivals only: service, utilization, response time
}

// Predict is Che's prediction for the whole system c describes, and for the
// alternatives beside it. With per-worker caches and a key-blind balancer
// every worker sees the whole key space, so each behaves like one cache of
// size Cache; with keyhash each worker sees only its share of the keys; a
// shared cache behaves like one cache of SharedSize. In tiered mode the
// shared cache decides what reaches the origin, so the system's prediction
// is the shared cache's. Several hosts and host caches are predicted the
// same way, each cache fed the keys routed to it (cheModel.hosts). The
// key-popularity table is built once.
func Predict(c Config) Prediction {
	m := &cheModel{c: c}
	t := Prediction{
		Workers:    c.Workers,
		Cache:      c.Cache,
		SharedSize: c.SharedSize(),
		PerWorker:  m.Che(c.Cache),
		Shared:     m.Che(c.SharedSize()),
		KeyHash:    c.Balancer == "keyhash",
		Hosts:      c.Hosts,
		HostSize:   c.HostSize(),
	}
	if t.KeyHash {
		t.Routed = m.routed()
	}
	switch {
	case c.Hosts > 1 || c.HasHost():
		t.HitRatio = m.hosts()
	case c.HasShared():
		t.HitRatio = t.Shared
	case t.KeyHash:
		t.HitRatio = t.Routed
	default:
		t.HitRatio = t.PerWorker
	}
	t.Queueing = queueing(c, t)
	return t
}

// routed predicts N caches of C when keyhash gives each worker its own keys:
// each is one cache fed by its share of the popularity.
func (m *cheModel) routed() float64 {
	c := m.c
	if c.Dist == "scan" {
		return 0 // each worker still sweeps its keys in order
	}
	h := newKeyHash(c.Workers, keyHashVnodes)
	return m.routedTo(h.pick, c.Workers, c.Cache)
}
