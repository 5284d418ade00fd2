// Package board keeps the whole server's counters, one row per worker slot,
// in the master process, in the engine's own statistics types.
package board

import (
	"sync"

	"github.com/cachepit/cachepit/sim"
)

// Settings are the server's settings field by field, as /stats gave them
// before it carried Config; kept for readers that still use them.
type Settings struct {
	Mode              string // local, shared or tiered
	Workers           int    // worker slots
	Cache             int    // each worker's LRU maxsize (0 in shared mode)
	Shared            string // the shared cache's URL, or "" in local mode
	MaxRequests       int    // recycle a worker after this many requests; 0 means never
	MaxRequestsJitter int    // add 0..jitter to each worker's MaxRequests
	OriginDelayMicros int    // time an origin read or write takes
	Origin            string `json:",omitempty"` // the server whose database this one uses (cachepit real --origin); "" for its own
	OriginAddr        string `json:",omitempty"` // where the master serves its own database to other hosts (cachepit real --origin-addr)
}

// Worker is one slot's counters and the process now serving it.
type Worker struct {
	sim.WorkerStats
	PID         int   // process id of the slot's current worker
	CacheErrors int64 `json:"cache_errors"` // shared-cache errors and timeouts, each served from the origin
}

// Stats is what /stats answers: a value, summed over every process each slot has had.
type Stats struct {
	Config      string `json:"config"`       // the engine's settings of the server, as a URL query (sim.ParseQuery reads it)
	CacheErrors int64  `json:"cache_errors"` // shared-cache errors and timeouts, summed over workers
	Settings    Settings
	Total       sim.WorkerStats // sums over workers (ID is -1)
	Workers     []Worker
	Origin      sim.OriginStats
	HitRatio    float64 // Total.Hits / Total.Reads
}

// Outcome is one request as a worker reports it.
type Outcome struct {
	Slot      int
	Op        sim.Op
	From      sim.Tier // where a read was answered from
	Stale     bool     // answered with an older version than the origin's
	Currsize  int      // entries in the worker's own cache after the request
	Evictions int64    // entries the worker's process has evicted so far
	Left      int64    // requests until the worker recycles, or -1

	CacheErrors int64 // shared-cache errors and timeouts reported with it
}

// Board is safe for concurrent use.
type Board struct {
	config   string
	settings Settings
	mu       sync.Mutex
	workers  []Worker
	evicted  []int64 // per slot: evictions by the slot's earlier processes
}

// New returns a board with one empty row per worker of c, a server whose
// shared cache is at shared ("" for none); its origin takes c.Cost.Origin µs.
func New(c sim.Config, shared string) *Board {
	s := Settings{
		Mode: c.Mode, Workers: c.Workers, Cache: c.Cache, Shared: shared,
		MaxRequests: c.MaxRequests, MaxRequestsJitter: c.MaxRequestsJitter,
		OriginDelayMicros: c.Cost.Origin,
	}
	if !c.HasLocal() {
		s.Cache = 0 // no worker keeps a cache of its own
	}
	b := &Board{config: c.Query(), settings: s, workers: make([]Worker, s.Workers), evicted: make([]int64, s.Workers)}
	for i := range b.workers {
		b.workers[i].ID = i
		b.workers[i].Maxsize = s.Cache
		b.workers[i].RequestsLeft = -1
	}
	return b
}

// SetOrigin records that the server uses the database of the server at url.
func (b *Board) SetOrigin(url string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.settings.Origin = url
}

// SetOriginAddr records that the master serves its database at addr (HOST:PORT).
func (b *Board) SetOriginAddr(addr string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.settings.OriginAddr = addr
}

// Record counts one request. Outcomes for unknown slots are ignored.
func (b *Board) Record(o Outcome) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if o.Slot < 0 || o.Slot >= len(b.workers) {
		return
	}
	b.workers[o.Slot].CacheErrors += o.CacheErrors
	w := &b.workers[o.Slot].WorkerStats
	w.Requests++
	w.Currsize = o.Currsize
	w.RequestsLeft = o.Left
	w.Evictions = b.evicted[o.Slot] + o.Evictions
	if o.Op == sim.Write {
		w.Writes++
		return
	}
	w.Reads++
	switch o.From {
	case sim.Local:
		w.Hits++
		w.LocalHits++
	case sim.Shared:
		w.Hits++
		w.SharedHits++
	default:
		w.Misses++
	}
	if o.Stale {
		w.Stale++
	}
}

// Started records that pid now serves slot; replaced says it took over from
// an earlier process, which counts as a recycle.
func (b *Board) Started(slot, pid int, replaced bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	w := &b.workers[slot]
	w.PID = pid
	w.Currsize = 0 // a new process starts with an empty cache
	b.evicted[slot] = w.Evictions
	if replaced {
		w.Generation++
		w.Recycles++
	}
}

// Snapshot returns the counters now; reads and writes come from the origin.
func (b *Board) Snapshot(originReads, originWrites int64) Stats {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := Stats{
		Config:   b.config,
		Settings: b.settings,
		Workers:  append([]Worker(nil), b.workers...),
		Origin:   sim.OriginStats{Reads: originReads, Writes: originWrites},
	}
	t := &s.Total
	t.ID = -1
	t.RequestsLeft = -1
	for _, w := range b.workers {
		t.Add(w.WorkerStats)
		s.CacheErrors += w.CacheErrors
	}
	s.HitRatio = t.HitRatio()
	return s
}
