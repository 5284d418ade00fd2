package sim

// WorkerStats counts what one worker did since counting started.
type WorkerStats struct {
	ID           int     // 0-based worker slot, numbered across hosts
	Host         int     `json:",omitempty"` // 0-based host it runs on
	Generation   int     // how many times this slot's process has been replaced
	Requests     int64   // reads, writes and cache_info requests served
	Reads        int64   // reads served (Hits + Misses)
	Writes       int64   // writes served
	Hits         int64   // reads answered by a cache, local or shared
	Misses       int64   // reads that went to the origin
	LocalHits    int64   // reads answered by the worker's own cache
	SharedHits   int64   // reads answered by the shared cache (in host modes, the host's)
	Stale        int64   // reads answered with an older version than the origin's
	Expired      int64   // local entries dropped because their TTL ran out
	Evictions    int64   // local entries evicted to make room
	Recycles     int64   // times the worker was replaced (max-requests, restart, deploy or timeout)
	Timeouts     int64   // times the worker was killed for running a request past the timeout
	Killed       int64   // requests dropped because their worker was killed
	Coalesced    int64   // reads that waited for another request's fetch (counted as hits)
	BusyMicros   int64   // modelled time spent serving
	Currsize     int     // entries in the worker's own cache now
	Maxsize      int     // the worker's cache maxsize (0 in shared mode)
	RequestsLeft int64   // requests until max-requests recycles it, or -1
	BusyThreads  int     // threads serving a request now
	Up           bool    // accepting (not draining or booting)
	ReadyAt      int64   // µs when its current process started accepting, or will
	Utilization  float64 // BusyMicros over its threads' time since counting started
}

// HitRatio is Hits / Reads, or 0 before any read.
func (w WorkerStats) HitRatio() float64 { return ratio(w.Hits, w.Reads) }

// SharedStats counts the shared cache's lookups.
type SharedStats struct {
	Hits      int64 // lookups that found the key
	Misses    int64 // lookups that did not
	Evictions int64 // entries evicted to make room
	Currsize  int   // entries held now
	Maxsize   int   // capacity (0 when there is no shared cache)
	Errors    int64 `json:",omitempty"` // gets, sets and deletes that failed during an outage
	Down      bool  `json:",omitempty"` // out now (an outage)
}

// HostStats describes one host: its workers' sums and its host cache.
type HostStats struct {
	ID    int         // 0-based host, at HostAddr(ID)
	Total WorkerStats // sums over its workers
	Cache SharedStats // its host cache (Maxsize 0 when the mode has none)
	Down  bool        // out now
}

// OriginStats counts the load on the origin database.
type OriginStats struct {
	Reads      int64 // fetches after a miss everywhere, and the master's preload warm-up
	Writes     int64 // writes
	Duplicates int64 // fetches of a key another request was already fetching
	Waited     int64 // fetches and writes that waited for a free connection
	Peak       int   // most fetches and writes at the origin at once
	BusyMicros int64 // connection time used: divided by elapsed time, the mean concurrency
}

// Memory describes the entries held in all caches now.
type Memory struct {
	Entries    int // entries in every cache, local and shared
	Distinct   int // distinct keys among them
	Duplicates int // Entries - Distinct: copies of a key held in another cache too
}

// Latency summarises the response times of counted requests (from arrival to
// answer, waiting on the socket and for the origin included), in µs.
type Latency struct {
	P50, P95, P99 int
	Mean          float64
}

// Stats is a snapshot of a run. It is a value: reading it never changes the Sim.
type Stats struct {
	Seq      int64         // requests stepped, warmup included
	Counted  int64         // requests counted (after warmup)
	Total    WorkerStats   // sums over workers (ID is -1)
	Workers  []WorkerStats // one per worker
	Shared   SharedStats
	Origin   OriginStats
	Memory   Memory
	Latency  Latency
	HitRatio float64 // Total.Hits / Total.Reads

	Now        int64   // µs since New
	Elapsed    int64   // µs since counting started
	Throughput float64 // counted requests answered per second
	Backlog    Backlog
	Refused    int64 // connections refused by a full backlog

	Hosts []HostStats `json:",omitempty"` // one per host, with several hosts or host caches
}

// Backlog is the connections waiting on the listen sockets.
type Backlog struct {
	Now int // waiting now
	Max int // most at once since counting started
}

// CacheInfo is what functools' cache_info() answers inside one worker.
type CacheInfo struct {
	Hits, Misses, Maxsize, Currsize int64
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
