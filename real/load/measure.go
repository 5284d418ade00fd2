package load

import (
	"math"
	"slices"
	"time"

	"github.com/cachepit/cachepit/sim"
)

// Measure is what one side of the comparison counted over the same requests.
type Measure struct {
	Requests     int64         `json:"requests"`
	Reads        int64         `json:"reads"`
	Hits         int64         `json:"hits"`
	LocalHits    int64         `json:"local_hits"`
	SharedHits   int64         `json:"shared_hits"`
	HitRatio     float64       `json:"hit_ratio"`
	OriginReads  int64         `json:"origin_reads"`
	OriginWrites int64         `json:"origin_writes"`
	Stale        int64         `json:"stale"`
	Evictions    int64         `json:"evictions"` // from the workers' own caches
	Recycles     int64         `json:"recycles"`
	PerWorker    []int64       `json:"requests_per_worker"` // numbered across hosts: host h's first is h*workers
	Hosts        []HostMeasure `json:"hosts,omitempty"`     // with several hosts behind nginx

	// Time: measured from the answers; predicted on the engine's clock.
	Latency    sim.Latency `json:"latency_us"`               // response time (arrival to answer), µs
	Throughput float64     `json:"throughput_rps,omitempty"` // requests answered per second
	Duration   int64       `json:"duration_us,omitempty"`    // the counted requests' run, µs
	Degraded   *int64      `json:"degraded_us,omitempty"`    // time with fewer than every worker accepting
}

// Shares is each worker's fraction of the requests.
func (m Measure) Shares() []float64 {
	s := make([]float64, len(m.PerWorker))
	for i, n := range m.PerWorker {
		if m.Requests > 0 {
			s[i] = float64(n) / float64(m.Requests)
		}
	}
	return s
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
func predicted(s sim.Stats) Measure {
	m := fromWorkers(s.Workers, s.Origin)
	m.Latency, m.Throughput, m.Duration = s.Latency, s.Throughput, s.Elapsed
	return m
}

// perWorker is every worker's count between two snapshots of each host's
// /stats, numbered across hosts.
func perWorker(before, after []serverStats) []sim.WorkerStats {
	var ws []sim.WorkerStats
	for h := range after {
		for i, w := range after[h].Workers {
			a, b := w.WorkerStats, sim.WorkerStats{}
			if h < len(before) && i < len(before[h].Workers) {
				b = before[h].Workers[i].WorkerStats
			}
			ws = append(ws, sim.WorkerStats{
				Requests: a.Requests - b.Requests, Reads: a.Reads - b.Reads, Hits: a.Hits - b.Hits,
				LocalHits: a.LocalHits - b.LocalHits, SharedHits: a.SharedHits - b.SharedHits,
				Stale: a.Stale - b.Stale, Evictions: a.Evictions - b.Evictions, Recycles: a.Recycles - b.Recycles,
			})
		}
	}
	return ws
}

// measured is what the hosts counted between two snapshots of their /stats.
func measured(before, after []serverStats, t tally) Measure {
	var o sim.OriginStats
	for h := range after {
		o.Reads += after[h].Origin.Reads - before[h].Origin.Reads
		o.Writes += after[h].Origin.Writes - before[h].Origin.Writes
	}
	m := fromWorkers(perWorker(before, after), o)
	m.Latency = t.latency()
	if t.elapsed > 0 {
		m.Throughput = float64(t.requests) / t.elapsed.Seconds()
		m.Duration = t.elapsed.Microseconds()
	}
	if b, a := before[0].DegradedMicros, after[0].DegradedMicros; len(after) == 1 && b != nil && a != nil {
		d := *a - *b
		m.Degraded = &d
	}
	return m
}

// tally counts the answers themselves, to check /stats against, and times them.
type tally struct {
	requests, reads, hits, stale int64
	times                        []int32 // response times, µs
	elapsed                      time.Duration
}

func (t *tally) add(a answer, took time.Duration) {
	t.requests++
	t.times = append(t.times, int32(min(took.Microseconds(), math.MaxInt32)))
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

// latency summarises the response times as the engine's Latency does: the
// smallest time with at least the fraction of requests at or below it.
func (t *tally) latency() sim.Latency {
	n := len(t.times)
	if n == 0 {
		return sim.Latency{}
	}
	s := slices.Clone(t.times)
	slices.Sort(s)
	var sum float64
	for _, v := range s {
		sum += float64(v)
	}
	q := func(f float64) int { return int(s[max(int(math.Ceil(f*float64(n))), 1)-1]) }
	return sim.Latency{P50: q(0.50), P95: q(0.95), P99: q(0.99), Mean: sum / float64(n)}
}
