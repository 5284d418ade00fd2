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
	// Cleared in place and then filled: a composite literal would be built
	// apart and copied over, twice the stores.
	tag := r.tag
	*r = request{}
	r.client, r.arrived, r.tag, r.stage, r.leader, r.followers = client, s.now, tag, stageQueued, -1, -1
	r.ev.Seq, r.ev.Worker, r.ev.Key, r.ev.Op, r.ev.Evicted = s.arrived, -1, key, op, -1
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
		w := h.bal.pick(key)
		if w < 0 { // every worker of the host is booting: wait for the first one up
			if h.listen.len() >= s.cfg.Backlog {
				s.refuse(ri)
				return -1
			}
			h.listen.push(ri)
			s.queue()
			h.inflight++
			return ri
		}
		to = h.first + w
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
	if h.free == s.cfg.Workers {
		return h.first + h.race.pick(-1)
	}
	return h.first + h.race.among(&h.idle, h.free)
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
		h := s.hostOf(wi)
		h.leave(wi - h.first)
	}
	if s.serving++; s.serving > 1 {
		s.overlapped = true
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
		s.q.pushEnd(s.now+before, ri, r.tag)
		return
	}
	// The application's work and the cache lookups come first; the origin
	// fetch (or write) is the last part of the service. When nothing else is
	// scheduled and the pool is unlimited, nothing can happen before the
	// fetch starts, so it is booked now for its start time.
	before -= int64(s.cfg.Cost.Origin)
	if before > 0 && s.q.len() == 0 && s.pool.conns == 0 && s.cfg.Timeout == 0 {
		now := s.now
		s.now += before
		s.fetch(ri)
		s.now = now
		return
	}
	if before > 0 {
		s.q.pushTag(s.now+before, evFetch, ri, r.tag)
	} else {
		s.toOrigin(ri)
	}
}

// finish ends request ri's service: it fills the caches or writes, counts
// the request, and frees its thread. A killed request is only counted. Its
// Event is completed in place.
func (s *Sim) finish(ri int32) {
	r := &s.reqs.reqs[ri]
	ev := &r.ev
	wi := ev.Worker
	w := &s.workers[wi]
	st := &w.stats
	s.seq++
	if r.stage == stageKilled {
		ev.Killed = true
		st.Killed++
	} else {
		s.complete(ri, r, w, ev)
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
		s.series.win.add(s.now - r.arrived) // s.hist gets the window's when it closes
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
	switch {
	case client < 0:
	case s.arr.think == 0 && s.q.len() == 0:
		// Nothing else is scheduled, so this arrival is next whatever its
		// place in the queue: skip the queue (one client's common case).
		s.soon = client + 1
	default:
		s.q.push(s.now+s.arr.think, evArrive, client)
	}
}

// freeThread gives back one thread of w.
func (s *Sim) freeThread(w *worker) {
	w.busy--
	s.serving--
	if w.busy == s.threads-1 && !w.down {
		h := &s.hosts[w.stats.Host]
		h.join(w.stats.ID - h.first)
	}
	if w.down && w.busy == 0 && w.draining {
		s.exit(w)
	}
}

// pull lets worker wi take the oldest connections waiting on its own
// socket, then on its host's, while it has free threads. Usually none wait
// anywhere, which the inlined test sees.
func (s *Sim) pull(wi int) {
	if s.waiting > 0 {
		s.pullWaiting(wi)
	}
}

func (s *Sim) pullWaiting(wi int) {
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
