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
	entries, caches := fullSize(c)
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

// fullSize is how many entries system c's caches hold between them once
// full (each its size, or every key when there are fewer keys), and how
// many caches it has. It is 0 where a full cache does not mean a warm
// one, or where it cannot tell: writes and expiries drop entries that
// later misses put back, and routing by key gives each cache only its share
// of the keys.
func fullSize(c sim.Config) (entries, caches int) {
	hosts := max(c.Hosts, 1)
	keyhash := c.Balancer == "keyhash" || hosts > 1 && c.HostBalancer == "keyhash"
	if c.Writes > 0 || c.TTL > 0 && c.HasLocal() {
		return 0, 0
	}
	if c.HasLocal() {
		if keyhash {
			return 0, 0
		}
		n := hosts * c.Workers
		entries, caches = n*min(c.Cache, c.Keys), n
	}
	if c.HasShared() {
		entries, caches = entries+min(c.SharedSize(), c.Keys), caches+1
	}
	if c.HasHost() {
		if hosts > 1 && c.HostBalancer == "keyhash" {
			return 0, 0
		}
		entries, caches = entries+hosts*min(c.HostSize(), c.Keys), caches+hosts
	}
	return entries, caches
}
