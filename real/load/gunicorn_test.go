package load

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/real/gunicorn"
	"github.com/cachepit/cachepit/real/internal/realtest"
	"github.com/cachepit/cachepit/sim"
)

// startGunicorn runs the reference app under real gunicorn for the test;
// without gunicorn and Flask the test skips, or fails under CI.
func startGunicorn(t *testing.T, o gunicorn.Options) string {
	t.Helper()
	if m := gunicorn.Missing(); m != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(m)
		}
		t.Skip(m)
	}
	o.Log = realtest.Log(t)
	s, err := gunicorn.Start(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s.URL
}

// gunicornWorkload is the engine's default workload, shortened to 1,000
// requests, with 5% writes so that stale reads are many enough to compare.
func gunicornWorkload() sim.Config {
	c := sim.Default()
	c.Requests, c.Writes = 1000, 0.05
	return c
}

// Real gunicorn, 4 sync workers with their own LRU caches, one client, 1,000
// requests: each worker's share, the hit ratio and the stale reads as the
// engine predicts them. The engine's share for a worker is its mean over 20
// seeds: one run's draw is itself about 0.014 off.
//
// gunicorn runs pinned to one CPU. Unpinned, on a 2-core machine busy with
// other work, which worker's process gets a core first decided the race for
// whole runs: in 10 of 23 runs one worker was more than 0.06 from an even
// share (up to .25 off), not tied to boot order. Pinned, the split was even
// within .007 in 9 of 9 runs (see real/README.md). The hit ratio still varies
// with the dispatch, so a run that misses is logged and run once more on a
// fresh server.
func TestGunicornAgreesWithEngine(t *testing.T) {
	var misses []string
	for run := 1; run <= 2; run++ {
		if misses = gunicornAgreement(t); len(misses) == 0 {
			return
		}
		t.Logf("run %d missed: %s", run, strings.Join(misses, "; "))
	}
	for _, m := range misses {
		t.Error(m)
	}
}

// engineShares is each worker's share of c's requests, averaged over seeds
// 1..n of the engine.
func engineShares(t *testing.T, c sim.Config, n int) []float64 {
	mean := make([]float64, c.Workers)
	for seed := range n {
		c.Seed = uint64(seed + 1)
		s, err := sim.New(c)
		if err != nil {
			t.Fatal(err)
		}
		s.Run(c.Warmup + c.Requests)
		for i, sh := range predicted(s.Stats()).Shares() {
			mean[i] += sh / float64(n)
		}
	}
	return mean
}

func gunicornAgreement(t *testing.T) []string {
	base := startGunicorn(t, gunicorn.Options{Query: "workers=4&cache=100&cost-origin=0", CPUs: "0"})
	r, err := Run(context.Background(), Options{Target: base, Config: gunicornWorkload()})
	if err != nil {
		t.Fatal(err)
	}
	m, p := r.Measured, r.Predicted
	ms, ps := m.Shares(), engineShares(t, r.Config, 20)
	t.Logf("hit ratio %.4f / %.4f; stale %d / %d; shares %.3f / %.3f; p50 %d µs; %v",
		m.HitRatio, p.HitRatio, m.Stale, p.Stale, ms, ps, m.Latency.P50, r.Elapsed)
	if m.Requests != 1000 || m.Reads != p.Reads || m.OriginWrites != p.OriginWrites {
		t.Fatalf("requests %d, reads %d/%d, writes %d/%d measured/predicted; want 1000 and the same stream",
			m.Requests, m.Reads, p.Reads, m.OriginWrites, p.OriginWrites)
	}
	var misses []string
	for i := range ms {
		if d := math.Abs(ms[i] - ps[i]); d > 0.06 {
			misses = append(misses, fmt.Sprintf("worker %d's share: measured %.3f, predicted %.3f; want within 0.06", i, ms[i], ps[i]))
		}
	}
	if d := math.Abs(m.HitRatio - p.HitRatio); d > 0.02 {
		misses = append(misses, fmt.Sprintf("hit ratio: measured %.4f, predicted %.4f; want within 0.02", m.HitRatio, p.HitRatio))
	}
	if d := math.Abs(float64(m.Stale - p.Stale)); d > 0.25*float64(p.Stale)+10 {
		misses = append(misses, fmt.Sprintf("stale reads: measured %d, predicted %d; want within 25%% + 10", m.Stale, p.Stale))
	}
	return misses
}

// Under 8 closed-loop clients on 4 sync workers, requests wait for a free
// worker: the p50 response time as the engine predicts it, within 25%. The
// engine needs the application's own work per request (HTTP, Flask, sqlite),
// which no server reports: it is measured first, on another fresh server
// with one client, where nothing waits, as the measured p50 less the
// engine's p50 without it. The origin takes 20 ms, so that most of a
// request is waiting, which 4 workers do at once: the engine runs the
// workers' cpu in parallel, where this 2-core machine shares its cores with
// the client and other work (with a 5 ms origin the measured p50 was -4% to
// +55% off the prediction in 5 runs, with 20 ms -4% to +22%). A miss is
// logged and measured once more.
func TestGunicornResponseTimeUnderClients(t *testing.T) {
	var miss string
	for run := 1; run <= 2; run++ {
		if miss = gunicornP50(t); miss == "" {
			return
		}
		t.Logf("run %d missed: %s", run, miss)
	}
	t.Error(miss)
}

func gunicornP50(t *testing.T) string {
	const query = "workers=4&cache=100&cost-origin=20000"
	c := sim.Default()
	c.Requests = 100
	one, err := Run(context.Background(), Options{Target: startGunicorn(t, gunicorn.Options{Query: query}), Config: c})
	if err != nil {
		t.Fatal(err)
	}
	cpu := max(one.Measured.Latency.P50-one.Predicted.Latency.P50, 0)
	c.Requests, c.Cost.CPU = 600, cpu
	r, err := Run(context.Background(), Options{Target: startGunicorn(t, gunicorn.Options{Query: query}), Config: c, Clients: 8})
	if err != nil {
		t.Fatal(err)
	}
	m, p := r.Measured.Latency, r.Predicted.Latency
	t.Logf("one client: p50 %d µs measured, %d predicted without cpu: cpu %d µs; 8 clients: p50 %d µs measured, %d predicted (p95 %d, %d)",
		one.Measured.Latency.P50, one.Predicted.Latency.P50, cpu, m.P50, p.P50, m.P95, p.P95)
	if d := math.Abs(float64(m.P50 - p.P50)); d > 0.25*float64(p.P50) {
		return fmt.Sprintf("p50 response time under 8 clients: measured %d µs, predicted %d µs; want within 25%%", m.P50, p.P50)
	}
	return ""
}
