package sim

// originPool is the origin database's side of the engine: a pool of
// connections (0: as many as asked for), the requests waiting for one, and
// how many fetches of each key are under way, so that a fetch of a key that
// is already being fetched counts as a duplicate: the stampede a cache
// expiry, a deploy or a hot write sets off.
type originPool struct {
	conns    int     // 0: unlimited
	active   int     // requests holding a connection now
	peak     int     // most at once in the current series window
	waiting  fifo    // requests waiting for a connection, oldest first
	fetching []int32 // per key: reads between their miss and their fill
	reading  int     // all keys: reads between their miss and their fill
}

// toOrigin is called when request ri's service reaches the origin: it takes
// a connection, or waits for one.
func (s *Sim) toOrigin(ri int32) {
	o := &s.pool
	if o.conns > 0 && o.active >= o.conns {
		r := &s.reqs.reqs[ri]
		r.stage = stageWaitConn
		o.waiting.push(ri)
		s.origin.Waited++
		if t := s.cfg.Timeout; t > 0 && r.started+t > s.now {
			// how long it waits is not known yet: the timeout may come first
			s.q.pushTag(r.started+t, evTimeout, ri, r.tag)
		}
		return
	}
	s.fetch(ri)
}

// fetch holds a connection for request ri for the origin's latency.
func (s *Sim) fetch(ri int32) {
	o := &s.pool
	o.active++
	o.peak = max(o.peak, o.active)
	s.origin.Peak = max(s.origin.Peak, o.active)
	r := &s.reqs.reqs[ri]
	r.fetched = s.now
	r.stage = stageAtOrigin
	s.q.pushEnd(s.now+int64(s.cfg.Cost.Origin), ri, r.tag)
}

// fromOrigin gives r's connection back, to the oldest waiting request.
func (s *Sim) fromOrigin(r *request) {
	o := &s.pool
	o.active--
	s.origin.BusyMicros += s.now - r.fetched
	if o.waiting.len() > 0 {
		s.fetch(o.waiting.pop())
	}
}

// missed records that a read of key is going to the origin.
func (s *Sim) missed(key int) {
	if s.pool.fetching[key] > 0 {
		s.origin.Duplicates++
	}
	s.pool.fetching[key]++
	s.pool.reading++
}

// landed records that a read of key is no longer fetching it: answered,
// or killed with its worker.
func (s *Sim) landed(key int) {
	s.pool.fetching[key]--
	s.pool.reading--
}
