// Package report turns a simulated run into the forms people take away: a
// cache_info-style table, JSON, and a per-request CSV trace.
package report

import (
	"github.com/cachepit/cachepit/sim"
)

// Run is the JSON form of one simulated run.
type Run struct {
	Mode      string   `json:"mode"`
	Query     string   `json:"query"` // the settings, as in a shareable link
	Seed      uint64   `json:"seed"`
	Requests  int64    `json:"requests"` // counted requests (after warmup)
	Total     Totals   `json:"total"`
	Origin    Origin   `json:"origin"`
	Shared    *Shared  `json:"shared,omitempty"`
	Hosts     []Host   `json:"hosts,omitempty"` // with several hosts or host caches
	Memory    Memory   `json:"memory"`
	Latency   Latency  `json:"latency_us"`          // response time: waiting plus service
	Predicted float64  `json:"predicted_hit_ratio"` // Che's approximation
	Workers   []Worker `json:"workers"`

	ElapsedUS  int64   `json:"elapsed_us"`     // simulated time counted
	Throughput float64 `json:"throughput_rps"` // counted requests answered per second
	Backlog    Backlog `json:"backlog"`
	Refused    int64   `json:"refused"` // connections refused by a full backlog
}

// Backlog is the connections waiting on the listen sockets.
type Backlog struct {
	Max int `json:"max"` // most at once
}

// Totals sums the workers' counters.
type Totals struct {
	Requests   int64   `json:"requests"`
	Reads      int64   `json:"reads"`
	Writes     int64   `json:"writes"`
	Hits       int64   `json:"hits"`
	Misses     int64   `json:"misses"`
	HitRatio   float64 `json:"hit_ratio"`
	LocalHits  int64   `json:"local_hits"`
	SharedHits int64   `json:"shared_hits"`
	Stale      int64   `json:"stale"`
	Evictions  int64   `json:"evictions"`
	Expired    int64   `json:"expired"`
	Recycles   int64   `json:"recycles"`
	Timeouts   int64   `json:"timeouts"`  // workers killed for a request past the timeout
	Killed     int64   `json:"killed"`    // requests answered with an error because their worker was killed
	Coalesced  int64   `json:"coalesced"` // reads that waited for another request's fetch
}

// Origin is the load on the database.
type Origin struct {
	Reads            int64   `json:"reads"`
	Writes           int64   `json:"writes"`
	PeakConcurrency  int     `json:"peak_concurrency"`  // most fetches and writes at once
	MeanConcurrency  float64 `json:"mean_concurrency"`  // connection time over elapsed time
	DuplicateFetches int64   `json:"duplicate_fetches"` // fetches of a key already being fetched
	Waited           int64   `json:"waited"`            // fetches and writes that waited for a connection
}

// Shared is the shared cache's cache_info.
type Shared struct {
	Hits      int64 `json:"hits"`
	Misses    int64 `json:"misses"`
	Evictions int64 `json:"evictions"`
	Currsize  int   `json:"currsize"`
	Maxsize   int   `json:"maxsize"`
	Errors    int64 `json:"errors"` // gets, sets and deletes that failed during an outage, each served without it
}

// Host is one host behind the load balancer: its workers' sums and its
// host cache (nil when the mode has none).
type Host struct {
	ID       int     `json:"id"`
	Requests int64   `json:"requests"`
	Reads    int64   `json:"reads"`
	Hits     int64   `json:"hits"`
	HitRatio float64 `json:"hit_ratio"`
	Stale    int64   `json:"stale"`
	Cache    *Shared `json:"cache,omitempty"`
}

// Memory is what every cache holds at the end.
type Memory struct {
	Entries    int `json:"entries"`
	Distinct   int `json:"distinct"`
	Duplicates int `json:"duplicates"`
}

// Latency is the modelled latency, in microseconds.
type Latency struct {
	P50  int     `json:"p50"`
	P95  int     `json:"p95"`
	P99  int     `json:"p99"`
	Mean float64 `json:"mean"`
}

// Worker is one worker's cache_info and more.
type Worker struct {
	ID         int     `json:"id"`
	Generation int     `json:"generation"`
	Requests   int64   `json:"requests"`
	Hits       int64   `json:"hits"`
	Misses     int64   `json:"misses"`
	HitRatio   float64 `json:"hit_ratio"`
	Currsize   int     `json:"currsize"`
	Maxsize    int     `json:"maxsize"`
	Evictions  int64   `json:"evictions"`
	Stale      int64   `json:"stale"`
	// Utilization is the share of its threads' time spent serving.
	Utilization float64 `json:"utilization"`
	Timeouts    int64   `json:"timeouts"`
	Killed      int64   `json:"killed"`
}

// New describes the run of c whose snapshot is st.
func New(c sim.Config, st sim.Stats) Run {
	t := st.Total
	r := Run{
		Mode: c.Mode, Query: c.Query(), Seed: c.Seed, Requests: st.Counted,
		Total: Totals{
			Requests: t.Requests, Reads: t.Reads, Writes: t.Writes, Hits: t.Hits, Misses: t.Misses,
			HitRatio: st.HitRatio, LocalHits: t.LocalHits, SharedHits: t.SharedHits, Stale: t.Stale,
			Evictions: t.Evictions, Expired: t.Expired, Recycles: t.Recycles,
			Timeouts: t.Timeouts, Killed: t.Killed, Coalesced: t.Coalesced,
		},
		Origin: Origin{
			Reads: st.Origin.Reads, Writes: st.Origin.Writes, PeakConcurrency: st.Origin.Peak,
			MeanConcurrency:  ratioF(st.Origin.BusyMicros, st.Elapsed),
			DuplicateFetches: st.Origin.Duplicates, Waited: st.Origin.Waited,
		},
		ElapsedUS:  st.Elapsed,
		Throughput: st.Throughput,
		Backlog:    Backlog{Max: st.Backlog.Max},
		Refused:    st.Refused,
		Memory:     Memory{st.Memory.Entries, st.Memory.Distinct, st.Memory.Duplicates},
		Latency:    Latency{st.Latency.P50, st.Latency.P95, st.Latency.P99, st.Latency.Mean},
		Predicted:  sim.Predict(c).HitRatio,
		Workers:    make([]Worker, len(st.Workers)),
	}
	if c.HasShared() {
		r.Shared = shared(st.Shared)
	}
	for _, h := range st.Hosts {
		x := Host{ID: h.ID, Requests: h.Total.Requests, Reads: h.Total.Reads, Hits: h.Total.Hits, HitRatio: h.Total.HitRatio(), Stale: h.Total.Stale}
		if c.HasHost() {
			x.Cache = shared(h.Cache)
		}
		r.Hosts = append(r.Hosts, x)
	}
	for i, w := range st.Workers {
		r.Workers[i] = Worker{
			ID: w.ID, Generation: w.Generation, Requests: w.Requests, Hits: w.Hits, Misses: w.Misses,
			HitRatio: w.HitRatio(), Currsize: w.Currsize, Maxsize: w.Maxsize, Evictions: w.Evictions, Stale: w.Stale,
			Utilization: w.Utilization, Timeouts: w.Timeouts, Killed: w.Killed,
		}
	}
	return r
}

func shared(s sim.SharedStats) *Shared {
	return &Shared{s.Hits, s.Misses, s.Evictions, s.Currsize, s.Maxsize, s.Errors}
}

func ratioF(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
