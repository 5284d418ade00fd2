package view

import "github.com/cachepit/cachepit/sim"

// An LRU cache that is full holds the most recently used keys it can, as
// it will in the long run: its warm-up is over. The recent window may
// still reach back to when the caches were filling (lesson 2's 400
// requests are all in it), so its hit ratio lags the prediction; "warming
// up" would then be false, and Full says what is true.

// fill marks w Full when every cache of a system c is full and the recent
// window reaches back before they filled, with the hit ratio since.
func (w *Warmup) fill(series []sim.Point, c sim.Config) {
	if !fullMeansWarm(c) {
		return
	}
	entries, caches := capacity(c, c.Keys)
	if w.State != Warming || w.Down || entries == 0 || len(series) == 0 || series[len(series)-1].Entries < entries {
		return
	}
	k := len(series) - 1 // the first point of the stretch the caches have been full through
	for k > 0 && series[k-1].Entries >= entries {
		k--
	}
	if k == 0 && c.Preload { // they started full: no warm-up to hold
		return
	}
	if series[k].Seq <= w.From {
		return
	}
	w.State, w.Caches, w.Filled = Full, caches, series[k].Seq
	var hits int64
	for _, p := range series[k+1:] {
		w.SinceReads += p.Reads
		hits += p.Hits
	}
	if w.SinceReads > 0 {
		w.Since = float64(hits) / float64(w.SinceReads)
	}
}

// fullMeansWarm reports whether system c's caches, once full, hold what
// they will in the long run. Not where writes and expiries drop entries
// that later misses put back, nor where routing by key gives each cache
// only its share of the keys (its size in keys is then unknown).
func fullMeansWarm(c sim.Config) bool {
	hosts := max(c.Hosts, 1)
	switch {
	case c.Writes > 0 || c.TTL > 0 && c.HasLocal():
		return false
	case c.HasLocal() && (c.Balancer == "keyhash" || hosts > 1 && c.HostBalancer == "keyhash"):
		return false
	case c.HasHost() && hosts > 1 && c.HostBalancer == "keyhash":
		return false
	}
	return true
}
