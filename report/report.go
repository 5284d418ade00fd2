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
	Memory    Memory   `json:"memory"`
	Latency   Latency  `json:"latency_us"`
	Predicted float64  `json:"predicted_hit_ratio"` // Che's approximation
	Workers   []Worker `json:"workers"`
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
}

// Origin is the load on the database.
type Origin struct {
	Reads  int64 `json:"reads"`
	Writes int64 `json:"writes"`
}

// Shared is the shared cache's cache_info.
type Shared struct {
	Hits      int64 `json:"hits"`
	Misses    int64 `json:"misses"`
	Evictions int64 `json:"evictions"`
	Currsize  int   `json:"currsize"`
	Maxsize   int   `json:"maxsize"`
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
		},
		Origin:    Origin{st.Origin.Reads, st.Origin.Writes},
		Memory:    Memory{st.Memory.Entries, st.Memory.Distinct, st.Memory.Duplicates},
		Latency:   Latency{st.Latency.P50, st.Latency.P95, st.Latency.P99, st.Latency.Mean},
		Predicted: sim.Predict(c).HitRatio,
		Workers:   make([]Worker, len(st.Workers)),
	}
	if c.HasShared() {
		s := st.Shared
		r.Shared = &Shared{s.Hits, s.Misses, s.Evictions, s.Currsize, s.Maxsize}
	}
	for i, w := range st.Workers {
		r.Workers[i] = Worker{
			ID: w.ID, Generation: w.Generation, Requests: w.Requests, Hits: w.Hits, Misses: w.Misses,
			HitRatio: w.HitRatio(), Currsize: w.Currsize, Maxsize: w.Maxsize, Evictions: w.Evictions, Stale: w.Stale,
		}
	}
	return r
}
