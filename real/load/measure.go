package load

import (
	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/sim"
)

// Measure is what one side of the comparison counted over the same requests.
type Measure struct {
	Requests     int64   `json:"requests"`
	Reads        int64   `json:"reads"`
	Hits         int64   `json:"hits"`
	LocalHits    int64   `json:"local_hits"`
	SharedHits   int64   `json:"shared_hits"`
	HitRatio     float64 `json:"hit_ratio"`
	OriginReads  int64   `json:"origin_reads"`
	OriginWrites int64   `json:"origin_writes"`
	Stale        int64   `json:"stale"`
	Evictions    int64   `json:"evictions"` // from the workers' own caches
	Recycles     int64   `json:"recycles"`
	PerWorker    []int64 `json:"requests_per_worker"`
}

// fromWorkers fills m from per-worker counters and origin counts.
func fromWorkers(ws []sim.WorkerStats, o sim.OriginStats) Measure {
	m := Measure{OriginReads: o.Reads, OriginWrites: o.Writes, PerWorker: make([]int64, len(ws))}
	for i, w := range ws {
		m.Requests += w.Requests
		m.Reads += w.Reads
		m.Hits += w.Hits
		m.LocalHits += w.LocalHits
		m.SharedHits += w.SharedHits
		m.Stale += w.Stale
		m.Evictions += w.Evictions
		m.Recycles += w.Recycles
		m.PerWorker[i] = w.Requests
	}
	if m.Reads > 0 {
		m.HitRatio = float64(m.Hits) / float64(m.Reads)
	}
	return m
}

// predicted is the engine's count for the run.
func predicted(s sim.Stats) Measure { return fromWorkers(s.Workers, s.Origin) }

// measured is the server's count between two snapshots of /stats.
func measured(before, after board.Stats) Measure {
	ws := make([]sim.WorkerStats, len(after.Workers))
	for i := range ws {
		a, b := after.Workers[i].WorkerStats, sim.WorkerStats{}
		if i < len(before.Workers) {
			b = before.Workers[i].WorkerStats
		}
		ws[i] = sim.WorkerStats{
			Requests: a.Requests - b.Requests, Reads: a.Reads - b.Reads, Hits: a.Hits - b.Hits,
			LocalHits: a.LocalHits - b.LocalHits, SharedHits: a.SharedHits - b.SharedHits,
			Stale: a.Stale - b.Stale, Evictions: a.Evictions - b.Evictions, Recycles: a.Recycles - b.Recycles,
		}
	}
	return fromWorkers(ws, sim.OriginStats{
		Reads:  after.Origin.Reads - before.Origin.Reads,
		Writes: after.Origin.Writes - before.Origin.Writes,
	})
}

// tally counts the answers themselves, to check /stats against.
type tally struct {
	requests, reads, hits, stale int64
}

func (t *tally) add(a answer) {
	t.requests++
	if a.Op == "write" {
		return
	}
	t.reads++
	if a.Hit {
		t.hits++
	}
	if a.Stale {
		t.stale++
	}
}
