package sim

// A request's life: it arrives, waits on a listen socket unless a thread is
// free, looks its key up when a thread takes it (so its path and service time
// are known then), and at the end of its service fills the caches or applies
// its write, is counted, and frees its thread for the oldest waiting
// connection. Filling at the end is what lets several requests miss the same
// key at once.

// arrive takes a new connection from client (-1: the open stream).
func (s *Sim) arrive(client int32) {
	if client < 0 {
		s.arr.schedule(&s.q)
	}
	key, op := s.work.Next()
	s.admit(client, key, op, -1)
}

// admit numbers a request and hands it to worker to (or, when to is -1, to
// the balancer's or the accept race's choice), or to a socket's backlog, or
// refuses it. It returns the request's index, or -1 when refused.
func (s *Sim) admit(client int32, key int, op Op, to int) int32 {
	s.arrived++
	ri := s.reqs.get()
	r := &s.reqs.reqs[ri]
	tag := r.tag
	*r = request{client: client, arrived: s.now, tag: tag, stage: stageQueued, leader: -1, followers: -1,
		ev: Event{Seq: s.arrived, Worker: -1, Key: key, Op: op, Evicted: -1}}
	chosen := to >= 0 // a scripted request waits however long the backlog
	hi := 0
	if chosen {
		hi = to / s.cfg.Workers
	} else if hi = s.pickHost(key); hi < 0 {
		s.refuse(ri) // every host is out: nginx answers 502
		return -1
	}
	h := &s.hosts[hi]
	r.ev.Host = hi
	if !chosen && h.race != nil {
		switch {
		case h.free > 0:
			s.serve(ri, s.winner(h))
		case h.listen.len() < s.cfg.Backlog:
			h.listen.push(ri)
			s.queue()
		default:
			s.refuse(ri)
			return -1
		}
		h.inflight++
		return ri
	}
	if !chosen {
		to = h.first + h.bal.pick(key)
	}
	w := &s.workers[to]
	switch {
	case s.accepting(w):
		s.serve(ri, to)
	case w.queued.len() < s.cfg.Backlog || chosen:
		w.queued.push(ri)
		s.queue()
	default:
		s.refuse(ri)
		return -1
	}
	h.inflight++
	return ri
}

// queue counts a connection put in a backlog.
func (s *Sim) queue() {
	s.waiting++
	s.backlogPeak = max(s.backlogPeak, s.waiting)
	s.backlogMax = max(s.backlogMax, s.waiting)
}

// accepting reports whether w is up with a free thread.
func (s *Sim) accepting(w *worker) bool { return !w.down && w.busy < s.threads }

// winner is the worker of host h that accepts a connection when some are
// idle: the race's pick over all its workers when every one is idle, else
// among the idle.
func (s *Sim) winner(h *host) int {
	n := s.cfg.Workers
	if h.free == n {
		return h.first + h.race.pick(-1)
	}
	s.idle = s.idle[:0]
	for i := range n {
		if s.accepting(&s.workers[h.first+i]) {
			s.idle = append(s.idle, int32(i))
		}
	}
	return h.first + h.race.among(s.idle)
}

// refuse drops a connection the backlog has no room for; a closed client
// tries again after its think time (at least a millisecond).
func (s *Sim) refuse(ri int32) {
	s.refused++
	if c := s.reqs.reqs[ri].client; c >= 0 {
		s.q.push(s.now+max(s.arr.think, 1000), evArrive, c)
	}
	s.reqs.put(ri)
}

// serve gives request ri a thread of worker wi now.
func (s *Sim) serve(ri int32, wi int) {
	w := &s.workers[wi]
	w.busy++
	if w.busy == s.threads {
		s.hostOf(wi).free--
	}
	r := &s.reqs.reqs[ri]
	r.started = s.now
	r.stage = stageServing
	r.ev.Worker = wi
	r.path = s.lookup(w, r)
	if r.path == pathOrigin {
		if l := s.leaderFor(r); l >= 0 {
			s.follow(ri, l)
			return
		}
		s.missed(r.ev.Key)
		s.fly(ri)
	}
	before := int64(s.cfg.Cost.CPU + s.costs[r.path])
	if t := s.cfg.Timeout; t > 0 && before > t {
		s.q.pushTag(s.now+t, evTimeout, ri, r.tag)
	}
	if r.path == pathLocal || r.path == pathShared {
		s.q.pushTag(s.now+before, evDone, ri, r.tag)
		return
	}
	// The application's work and the cache lookups come first; the origin
	// fetch (or write) is the last part of the service.
	if before -= int64(s.cfg.Cost.Origin); before > 0 {
		s.q.pushTag(s.now+before, evFetch, ri, r.tag)
	} else {
		s.toOrigin(ri)
	}
}

// lookup reads r's key through the caches and decides its path. The version
// an origin fetch gets is the origin's at this moment.
func (s *Sim) lookup(w *worker, r *request) uint8 {
	ev := &r.ev
	if ev.Op == Write {
		ev.From = Origin
		return pathWrite
	}
	key := ev.Key
	current := s.versions[key]
	if w.cache != nil {
		if e, ok := w.cache.Get(key); ok {
			if s.cfg.TTL == 0 || s.now-e.at < s.cfg.TTL {
				ev.Hit, ev.From, ev.Stale = true, Local, e.version != current
				return pathLocal
			}
			w.cache.Remove(key)
			ev.Expired = true
		}
	}
	if c, st := s.l2(ev.Worker); c != nil {
		if !s.reachable(st) {
			ev.CacheError = true
		} else if e, ok := c.Get(key); ok {
			ev.Hit, ev.From, ev.Stale = true, Shared, e.version != current
			ev.Version = e.version
			return pathShared
		}
	}
	ev.From = Origin
	ev.Version = current
	return pathOrigin
}

// finish ends request ri's service: it fills the caches or writes, counts
// the request, and frees its thread. A killed request is only counted.
func (s *Sim) finish(ri int32) Event {
	r := &s.reqs.reqs[ri]
	ev := r.ev
	wi := ev.Worker
	w := &s.workers[wi]
	st := &w.stats
	s.seq++
	if r.stage == stageKilled {
		ev.Killed = true
		st.Killed++
	} else {
		s.complete(ri, r, w, &ev)
		w.served++
		if w.limit > 0 && w.served >= w.limit {
			ev.Recycled = true
		}
	}
	ev.Wait = int(r.started - r.arrived)
	ev.Latency = int(s.now - r.arrived)
	ev.Version = s.versions[ev.Key]
	st.BusyMicros += s.now - r.started
	if !ev.Killed {
		s.hist.add(s.now - r.arrived)
		s.series.win.add(s.now - r.arrived)
	}
	s.freeThread(w)
	if ev.Recycled {
		s.retire(wi)
	}
	if s.seq == int64(s.cfg.Warmup) {
		s.resetCounters()
	} else if s.seq == s.series.next {
		s.series.close(s)
	}
	if s.seq == int64(s.cfg.DeployAt) {
		s.RestartAll(s.cfg.Rolling)
	}
	client := r.client
	s.reqs.put(ri)
	s.hosts[ev.Host].inflight--
	s.pull(wi)
	if client >= 0 {
		s.q.push(s.now+s.arr.think, evArrive, client)
	}
	return ev
}

// complete applies what request r did and counts it.
func (s *Sim) complete(ri int32, r *request, w *worker, ev *Event) {
	st := &w.stats
	switch r.path {
	case pathWrite:
		s.fromOrigin(r)
		s.write(w, ev.Key)
	case pathLocal:
		st.LocalHits++
	case pathShared:
		_, l2st := s.l2(ev.Worker)
		l2st.Hits++
		st.SharedHits++
		s.fillLocal(w, ev.Key, ev.Version, ev)
	case pathOrigin:
		s.fromOrigin(r)
		s.pool.fetching[ev.Key]--
		st.Misses++
		s.origin.Reads++
		if c, l2st := s.l2(ev.Worker); c != nil {
			if !ev.CacheError {
				l2st.Misses++
			}
			if s.reachable(l2st) {
				s.add(c, ev.Key, entry{ev.Version, ev.Seq, s.now}, &l2st.Evictions, ev)
			}
		}
		s.fillLocal(w, ev.Key, ev.Version, ev)
		s.land(ri, false)
	}
	if ev.Coalesced {
		st.Coalesced++
	}
	if ev.Op == Read {
		st.Reads++
		if ev.Hit {
			st.Hits++
		}
		if ev.Stale {
			st.Stale++
		}
		if ev.Expired {
			st.Expired++
		}
	}
	st.Requests++
}

// freeThread gives back one thread of w.
func (s *Sim) freeThread(w *worker) {
	w.busy--
	if w.busy == s.threads-1 && !w.down {
		s.hostOf(w.stats.ID).free++
	}
	if w.down && w.busy == 0 && w.draining {
		s.exit(w)
	}
}

// pull lets worker wi take the oldest connections waiting on its own
// socket, then on its host's, while it has free threads.
func (s *Sim) pull(wi int) {
	w := &s.workers[wi]
	h := s.hostOf(wi)
	for s.accepting(w) {
		switch {
		case w.queued.len() > 0:
			s.waiting--
			s.serve(w.queued.pop(), wi)
		case h.listen.len() > 0:
			s.waiting--
			s.serve(h.listen.pop(), wi)
		default:
			return
		}
	}
}

func (s *Sim) fillLocal(w *worker, key int, version uint32, ev *Event) {
	if w.cache != nil {
		s.add(w.cache, key, entry{version, ev.Seq, s.now}, &w.stats.Evictions, ev)
	}
}

// add stores e in cache c, counting an eviction. Another request may have
// filled the key while this one was fetching it: then the entry is replaced
// and no new copy is held.
func (s *Sim) add(c *lru, key int, e entry, evictions *int64, ev *Event) {
	had := s.holders[key] > 0 && c.Contains(key)
	s.evicted = -1
	if c.Add(key, e) {
		*evictions++
		ev.Evicted = s.evicted
	}
	if !had {
		s.hold(key)
	}
}

// write changes the key at the origin, then invalidates the writer's own copy
// and the shared copy (or its host's). Other workers' copies, and other
// hosts' caches, stay: they will serve stale reads.
func (s *Sim) write(w *worker, key int) {
	w.stats.Writes++
	s.origin.Writes++
	s.versions[key]++
	if w.cache != nil {
		w.cache.Remove(key)
	}
	if c, st := s.l2(w.stats.ID); c != nil && s.reachable(st) {
		c.Remove(key)
	}
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
