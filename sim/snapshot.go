package sim

// Stats returns a snapshot of the run so far.
func (s *Sim) Stats() Stats {
	st := Stats{
		Seq:     s.seq,
		Counted: s.seq - int64(min(s.seq, int64(s.cfg.Warmup))),
		Total:   WorkerStats{ID: -1},
		Workers: make([]WorkerStats, len(s.workers)),
		Shared:  s.sharedSt,
		Origin:  s.origin,
		Memory:  Memory{Entries: s.entries, Distinct: s.distinct, Duplicates: s.entries - s.distinct},
		Latency: merge(s.hist.sparse(), s.series.win.sparse()).latency(), // the open window is not in s.hist yet
		Elapsed: s.now - s.counted,
		Backlog: Backlog{Now: s.waiting, Max: s.backlogMax},
		Refused: s.refused,
		Now:     s.now,
	}
	st.Throughput = ratio(st.Counted, st.Elapsed) * 1e6
	if s.shared != nil {
		st.Shared.Currsize = s.shared.Len()
		st.Shared.Down = s.sharedDown > 0
	}
	for i := range s.workers {
		w := &s.workers[i]
		ws := w.stats
		ws.RequestsLeft = -1
		ws.BusyThreads = int(w.busy)
		ws.Up = !w.down
		ws.ReadyAt = w.readyAt
		ws.Utilization = ratio(ws.BusyMicros, st.Elapsed*int64(s.threads))
		if w.limit > 0 {
			ws.RequestsLeft = w.limit - w.served
		}
		if w.cache != nil {
			ws.Currsize = w.cache.Len()
		}
		st.Workers[i] = ws
		st.Total.Add(ws)
	}
	st.HitRatio = st.Total.HitRatio()
	st.Total.Utilization = ratio(st.Total.BusyMicros, st.Elapsed*int64(s.threads)*int64(len(s.workers)))
	if len(s.hosts) > 1 || s.cfg.HasHost() {
		st.Hosts = s.hostStats(st.Workers, st.Elapsed)
	}
	return st
}

// Add adds w's counters and sizes to t's; ID and RequestsLeft are left alone.
func (t *WorkerStats) Add(w WorkerStats) {
	t.Generation += w.Generation
	t.Requests += w.Requests
	t.Reads += w.Reads
	t.Writes += w.Writes
	t.Hits += w.Hits
	t.Misses += w.Misses
	t.LocalHits += w.LocalHits
	t.SharedHits += w.SharedHits
	t.Stale += w.Stale
	t.Expired += w.Expired
	t.Evictions += w.Evictions
	t.Recycles += w.Recycles
	t.Timeouts += w.Timeouts
	t.Killed += w.Killed
	t.Coalesced += w.Coalesced
	t.BusyMicros += w.BusyMicros
	t.BusyThreads += w.BusyThreads
	t.Currsize += w.Currsize
	t.Maxsize += w.Maxsize
}

// Info is what functools' cache_info() answers inside worker i: the counters
// of its current process's own cache (a restarted or recycled worker starts
// again from zero, or from the master's misses with preload), or in shared
// mode the shared cache's, which every worker sees alike (in host mode, its
// host cache's, which the host's workers see alike). Out-of-range workers
// get the zero CacheInfo.
func (s *Sim) Info(i int) CacheInfo {
	if i < 0 || i >= len(s.workers) {
		return CacheInfo{}
	}
	if c, st := s.l2(i); c != nil && s.workers[i].cache == nil {
		return CacheInfo{
			Hits:     st.Hits,
			Misses:   st.Misses,
			Maxsize:  int64(st.Maxsize),
			Currsize: int64(c.Len()),
		}
	}
	w := &s.workers[i]
	return CacheInfo{
		Hits:     w.hits,
		Misses:   w.misses,
		Maxsize:  int64(w.stats.Maxsize),
		Currsize: int64(w.cache.Len()),
	}
}

// Entry is one cached key, as the UI draws it.
type Entry struct {
	Key     int
	Version uint32 // the version the cache holds
	Stale   bool   // older than the origin's version
	Filled  int64  // request sequence number when it was stored (0: preloaded)
}

// LocalKeys lists worker i's cache from least to most recently used, without
// changing recency. It is empty in shared mode or for an out-of-range worker.
func (s *Sim) LocalKeys(i int) []Entry {
	if i < 0 || i >= len(s.workers) || s.workers[i].cache == nil {
		return nil
	}
	return s.entriesOf(s.workers[i].cache)
}

// SharedKeys lists the shared cache from least to most recently used.
func (s *Sim) SharedKeys() []Entry {
	if s.shared == nil {
		return nil
	}
	return s.entriesOf(s.shared)
}

func (s *Sim) entriesOf(c *lru) []Entry {
	keys := c.Keys()
	out := make([]Entry, 0, len(keys))
	for _, k := range keys {
		e, _ := c.Peek(k)
		out = append(out, Entry{Key: k, Version: e.version, Stale: e.version != s.versions[k], Filled: e.filled})
	}
	return out
}

// Version is the origin's current version of key.
func (s *Sim) Version(key int) uint32 {
	if key < 0 || key >= len(s.versions) {
		return 0
	}
	return s.versions[key]
}
