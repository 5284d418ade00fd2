package sim

// entry is a cached value: the version of the key it holds, and the number
// of the request that stored it and when (µs).
type entry struct {
	version uint32
	filled  int64
	at      int64
}

// worker is one worker process: its cache, counters, threads and lifecycle.
type worker struct {
	cache  *lru // nil in shared mode
	stats  WorkerStats
	served int64 // requests since this process started
	limit  int64 // recycle after this many requests; 0 means never
	hits   int64 // this process's lru_cache hits, as cache_info() reports them
	misses int64 // this process's lru_cache misses, the master's preload included
	busy   int32 // threads serving a request now
	queued fifo  // connections waiting on this worker's own socket

	down     bool  // not accepting: draining or booting
	draining bool  // finishing its requests before its process exits
	again    bool  // restarted while booting: restart once up
	hup      bool  // replaced by a deploy: forked at once, without waiting for the reaping
	readyAt  int64 // µs when the current process accepts (or did)
}
