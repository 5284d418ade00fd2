package sim

// Stampede protection. With coalesce=worker, a read that misses while
// another thread of the same worker is fetching the key waits for that fetch
// (single-flight inside one process); with coalesce=shared, a lock in the
// shared cache (Memcached's add, Redis's SET NX) makes every worker wait for
// the one fetch. The waiters are answered when the fetch fills the caches,
// from the worker's memory or the shared cache.

// Coalesces lists the values of Config.Coalesce.
var Coalesces = []string{"none", "worker", "shared"}

// leaderFor returns an in-flight fetch of r's key that r may wait for, or -1.
func (s *Sim) leaderFor(r *request) int32 {
	if s.flights == nil || s.pool.fetching[r.ev.Key] == 0 { // flights is nil when Coalesce is none
		return -1
	}
	if s.cfg.Coalesce == "shared" && s.sharedDown > 0 {
		return -1 // the lock lives in the shared cache, which is out
	}
	for x := s.flights[r.ev.Key]; x >= 0; x = s.reqs.reqs[x].nextFlight {
		if s.cfg.Coalesce == "shared" || s.reqs.reqs[x].ev.Worker == r.ev.Worker {
			return x
		}
	}
	return -1
}

// follow makes request ri wait for leader's fetch.
func (s *Sim) follow(ri, leader int32) {
	r, l := &s.reqs.reqs[ri], &s.reqs.reqs[leader]
	r.stage = stageFollowing
	r.leader = leader
	r.nextFollower = l.followers
	l.followers = ri
	r.ev.Hit, r.ev.Coalesced = true, true
	r.ev.From, r.path = Local, pathLocal
	if s.cfg.Coalesce == "shared" {
		r.ev.From, r.path = Shared, pathShared
	}
}

// fly records request ri as fetching its key, so that others may follow it.
func (s *Sim) fly(ri int32) {
	if s.flights == nil {
		return
	}
	r := &s.reqs.reqs[ri]
	r.followers = -1
	r.nextFlight = -1
	if head, ok := s.flights[r.ev.Key]; ok {
		r.nextFlight = head
	}
	s.flights[r.ev.Key] = ri
}

// land ends request ri's fetch: its followers are answered now (or when
// their own work before the lookup would have ended) with the version it got.
// When ri was killed, they fetch for themselves. Callers test s.flights
// first: without coalescing there is nothing to do.
func (s *Sim) land(ri int32, killed bool) {
	r := &s.reqs.reqs[ri]
	key := r.ev.Key
	// unlink ri from the key's flights
	if head := s.flights[key]; head == ri {
		if r.nextFlight < 0 {
			delete(s.flights, key)
		} else {
			s.flights[key] = r.nextFlight
		}
	} else {
		for x := head; x >= 0; x = s.reqs.reqs[x].nextFlight {
			if s.reqs.reqs[x].nextFlight == ri {
				s.reqs.reqs[x].nextFlight = r.nextFlight
				break
			}
		}
	}
	for f := r.followers; f >= 0; {
		fr := &s.reqs.reqs[f]
		next := fr.nextFollower
		fr.leader = -1
		if killed {
			fr.ev.Hit, fr.ev.Coalesced, fr.ev.From, fr.path = false, false, Origin, pathOrigin
			s.missed(key)
			s.fly(f)
			fr.stage = stageServing
			s.toOrigin(f)
		} else {
			fr.stage = stageServing
			fr.ev.Version = r.ev.Version
			at := max(s.now, fr.started+int64(s.cfg.Cost.CPU+s.costs[fr.path]))
			s.q.pushTag(at, evDone, f, fr.tag)
		}
		f = next
	}
	r.followers = -1
}

// unfollow takes a killed follower ri off its leader's list.
func (s *Sim) unfollow(ri int32) {
	r := &s.reqs.reqs[ri]
	l := &s.reqs.reqs[r.leader]
	if l.followers == ri {
		l.followers = r.nextFollower
	} else {
		for x := l.followers; x >= 0; x = s.reqs.reqs[x].nextFollower {
			if s.reqs.reqs[x].nextFollower == ri {
				s.reqs.reqs[x].nextFollower = r.nextFollower
				break
			}
		}
	}
	r.leader = -1
}
