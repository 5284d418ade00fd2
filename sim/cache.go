package sim

// What a request does to the caches and the origin's versions: its lookup
// when a thread takes it, and its fills, invalidations and counters when its
// service ends.

// lookup reads r's key through the caches and decides its path. The version
// an origin fetch gets is the origin's at this moment.
func (s *Sim) lookup(w *worker, r *request) uint8 {
	ev := &r.ev
	switch ev.Op {
	case Write:
		ev.From = Origin
		return pathWrite
	case Info:
		ev.From = Local // the worker answers from its own memory
		return pathLocal
	}
	key := ev.Key
	current := s.versions[key]
	if w.cache != nil {
		if e, ok := w.cache.Get(key); ok {
			if s.cfg.TTL == 0 || s.now-e.at < s.cfg.TTL {
				w.hits++
				ev.Hit, ev.From, ev.Stale = true, Local, e.version != current
				return pathLocal
			}
			w.cache.Remove(key)
			ev.Expired = true
		}
		w.misses++ // counted when the call misses, as functools does
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

// complete applies what request r did and counts it.
func (s *Sim) complete(ri int32, r *request, w *worker, ev *Event) {
	st := &w.stats
	if ev.Op == Info {
		st.Requests++ // it counts towards max_requests, and touches nothing
		return
	}
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
		s.fillLocal(w, ev)
	case pathOrigin:
		s.fromOrigin(r)
		s.landed(ev.Key)
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
		s.fillLocal(w, ev)
		if s.flights != nil {
			s.land(ri, false)
		}
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

func (s *Sim) fillLocal(w *worker, ev *Event) {
	if w.cache != nil {
		s.add(w.cache, ev.Key, entry{ev.Version, ev.Seq, s.now}, &w.stats.Evictions, ev)
	}
}

// add stores e in cache c, counting an eviction. Another request may have
// filled the key while this one was fetching it: then the entry is replaced
// and no new copy is held. That needs two requests in service at once, so
// until that has happened the check is skipped.
func (s *Sim) add(c *lru, key int, e entry, evictions *int64, ev *Event) {
	had := s.overlapped && s.holders[key] > 0 && c.Contains(key)
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
