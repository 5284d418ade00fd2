package load

import (
	"context"
	"math"
	"testing"

	"github.com/cachepit/cachepit/real/internal/memd"
	"github.com/cachepit/cachepit/real/internal/realtest"
	"github.com/cachepit/cachepit/real/prefork"
	"github.com/cachepit/cachepit/sim"
)

func TestMain(m *testing.M) { realtest.Main(m) }

func workload(requests int) sim.Config {
	c := sim.Default()
	c.Keys, c.Writes, c.Requests, c.Warmup, c.Seed = 100, 0.05, requests, 50, 7
	return c
}

// With one shared cache the kernel's choice of worker cannot change any
// answer: the run must match the engine request for request.
func TestSharedMatchesEngineExactly(t *testing.T) {
	mc := memd.Start(t)
	base := realtest.Serve(t, prefork.Config{Worker: realtest.Options(2, "shared", 0, "memcached://"+mc)})
	r, err := Run(context.Background(), Options{Target: base, Config: workload(300)})
	if err != nil {
		t.Fatal(err)
	}
	m, p := r.Measured, r.Predicted
	if m.Requests != 300 || p.Requests != 300 {
		t.Fatalf("requests: measured %d, predicted %d; want 300 each", m.Requests, p.Requests)
	}
	for _, c := range []struct {
		name string
		m, p int64
	}{
		{"reads", m.Reads, p.Reads},
		{"shared hits", m.SharedHits, p.SharedHits},
		{"origin reads", m.OriginReads, p.OriginReads},
		{"origin writes", m.OriginWrites, p.OriginWrites},
		{"stale", m.Stale, p.Stale},
	} {
		if c.m != c.p {
			t.Errorf("%s: measured %d; predicted %d", c.name, c.m, c.p)
		}
	}
	if m.Stale != 0 {
		t.Errorf("stale reads with Memcached: got %d; want 0", m.Stale)
	}
}

// With local caches the kernel's dispatch differs from the engine's, so the
// numbers agree only roughly; the writes and reads are the same stream.
func TestLocalAgreesRoughly(t *testing.T) {
	base := realtest.Serve(t, prefork.Config{Worker: realtest.Options(2, "local", 20, "")})
	r, err := Run(context.Background(), Options{Target: base, Config: workload(400)})
	if err != nil {
		t.Fatal(err)
	}
	m, p := r.Measured, r.Predicted
	t.Logf("hit ratio measured %.3f, predicted %.3f; per worker %v, %v", m.HitRatio, p.HitRatio, m.PerWorker, p.PerWorker)
	if m.Reads != p.Reads || m.OriginWrites != p.OriginWrites {
		t.Errorf("reads/writes: measured %d/%d, predicted %d/%d; want the same stream", m.Reads, m.OriginWrites, p.Reads, p.OriginWrites)
	}
	if m.OriginReads != m.Reads-m.Hits {
		t.Errorf("origin reads %d; want reads %d - hits %d", m.OriginReads, m.Reads, m.Hits)
	}
	if d := math.Abs(m.HitRatio - p.HitRatio); d > 0.1 {
		t.Errorf("hit ratio: measured %.3f, predicted %.3f; want within 0.1", m.HitRatio, p.HitRatio)
	}
	if len(r.Notes) != 0 {
		t.Errorf("notes %q; want none (nobody else used the server)", r.Notes)
	}
}
