package load

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/real/board"
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
	for _, n := range r.Notes {
		if strings.Contains(n, "another client") {
			t.Errorf("note %q; want none about other clients (nobody else used the server)", n)
		}
	}
}

// A second run against the same server would compare warm caches with a
// cold prediction: it stops and says to restart the server.
func TestSecondRunStops(t *testing.T) {
	base := realtest.Serve(t, prefork.Config{Worker: realtest.Options(2, "local", 20, "")})
	if _, err := Run(context.Background(), Options{Target: base, Config: workload(50)}); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), Options{Target: base, Config: workload(50)})
	if err == nil || !strings.Contains(err.Error(), "restart the server") {
		t.Errorf("second run: %v; want an error saying to restart the server", err)
	}
}

// Several closed-loop clients and an open stream send exactly the requests
// asked for, and the server counts the answers the driver saw.
func TestClientsAndRate(t *testing.T) {
	for _, o := range []Options{{Clients: 4}, {Rate: 400}} {
		w := realtest.Options(2, "local", 20, "")
		w.Settings.Cost.Origin = 100
		base := realtest.Serve(t, prefork.Config{Worker: w})
		o.Target, o.Config = base, workload(200)
		last := 0
		o.Progress = func(done, total int) {
			if done != last+1 || total != 250 {
				t.Errorf("progress %d of %d after %d; want one more of 250 (warmup 50 + 200)", done, total, last)
			}
			last = done
		}
		r, err := Run(context.Background(), o)
		if err != nil {
			t.Fatalf("clients %d, rate %g: %v", o.Clients, o.Rate, err)
		}
		if last != 250 {
			t.Errorf("clients %d, rate %g: progress ended at %d; want 250", o.Clients, o.Rate, last)
		}
		m := r.Measured
		if m.Requests != 200 || m.Reads != r.Predicted.Reads {
			t.Errorf("clients %d, rate %g: %d requests, %d reads; want 200 and %d", o.Clients, o.Rate, m.Requests, m.Reads, r.Predicted.Reads)
		}
		for _, n := range r.Notes {
			if strings.Contains(n, "another client") {
				t.Errorf("clients %d, rate %g: %s", o.Clients, o.Rate, n)
			}
		}
		if m.Throughput <= 0 || m.Latency.P50 <= 0 || m.Latency.P50 > m.Latency.P99 {
			t.Errorf("clients %d, rate %g: throughput %g, latency %+v; want positive and ordered", o.Clients, o.Rate, m.Throughput, m.Latency)
		}
	}
}

func TestEngineConfigFromServer(t *testing.T) {
	tests := []struct {
		config  string
		check   func(sim.Config) bool
		wantErr string
	}{
		{"workers=3&cache=7&max-requests=50&max-requests-jitter=5&preload=true&cost-origin=0",
			func(c sim.Config) bool {
				return c.Workers == 3 && c.Cache == 7 && c.MaxRequests == 50 && c.MaxRequestsJitter == 5 && c.Preload && c.Cost.Origin == 0 && c.Keys == 100
			}, ""},
		{"workers=3&keys=5", func(c sim.Config) bool { return c.Keys == 100 }, ""},                                       // the workload is load's
		{"workers=3&balancer=accept-bootorder", func(c sim.Config) bool { return c.Balancer == "accept-bootorder" }, ""}, // the server's model of its dispatch
		{"workers=3&flux=2", nil, `unknown setting "flux"`},
		{"", nil, "/stats has no config"}, // nothing to predict from
	}
	for _, tt := range tests {
		st := serverStats{Config: tt.config}
		st.Workers = make([]board.Worker, 3)
		c, _, err := engineConfig(Options{Config: workload(10)}, []serverStats{st})
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%q: error %v; want one containing %q", tt.config, err, tt.wantErr)
		case tt.wantErr == "" && err != nil:
			t.Errorf("%q: error %v", tt.config, err)
		case tt.check != nil && err == nil && !tt.check(c):
			t.Errorf("%q: got %+v", tt.config, c)
		}
	}
	// --balancer names the engine's model whatever the server says.
	w := workload(10)
	w.Balancer = "roundrobin"
	st := serverStats{Config: "balancer=accept-bootorder"}
	st.Workers = make([]board.Worker, 4)
	if c, _, err := engineConfig(Options{Config: w, BalancerSet: true}, []serverStats{st}); err != nil || c.Balancer != "roundrobin" {
		t.Errorf("--balancer roundrobin against a server saying accept-bootorder: %q, %v; want roundrobin", c.Balancer, err)
	}
}

func TestLoopbackOnly(t *testing.T) {
	for target, ok := range map[string]bool{
		"http://127.0.0.1:8000": true, "http://localhost:8000/": true, "http://[::1]:8000": true, "http://127.0.0.2:80": true,
		"http://10.0.0.1:8000": false, "http://example.com": false, "https://127.0.0.1:8000": false, "127.0.0.1:8000": false,
	} {
		if err := loopback(target); (err == nil) != ok {
			t.Errorf("loopback(%q) = %v; want ok %v", target, err, ok)
		}
	}
}

// Mode tiered-host on one host: each worker's LRU in front of the host's
// Memcached. Without writes a key reaches the origin once, when Memcached
// first lacks it, whichever worker asks: origin reads and hits match the
// engine exactly; the split between the two tiers follows the kernel's
// dispatch, and both must be used.
func TestTieredHostMatchesEngine(t *testing.T) {
	mc := memd.Start(t)
	base := realtest.Serve(t, prefork.Config{Worker: realtest.Options(2, "tiered-host", 10, "memcached://"+mc)})
	c := workload(400)
	c.Writes = 0
	r, err := Run(context.Background(), Options{Target: base, Config: c})
	if err != nil {
		t.Fatal(err)
	}
	m, p := r.Measured, r.Predicted
	t.Logf("local hits %d/%d, host-cache hits %d/%d, origin reads %d/%d measured/predicted; %s", m.LocalHits, p.LocalHits, m.SharedHits, p.SharedHits, m.OriginReads, p.OriginReads, r.Query)
	if r.Config.Mode != "tiered-host" || r.Config.HostCache != c.Keys {
		t.Errorf("predicted with mode %s, host cache %d; want tiered-host and room for the %d keys", r.Config.Mode, r.Config.HostCache, c.Keys)
	}
	if m.OriginReads != p.OriginReads || m.Hits != p.Hits || m.Reads != p.Reads {
		t.Errorf("origin reads %d, hits %d, reads %d measured; predicted %d, %d, %d: want the same", m.OriginReads, m.Hits, m.Reads, p.OriginReads, p.Hits, p.Reads)
	}
	if m.LocalHits == 0 || m.SharedHits == 0 {
		t.Errorf("local hits %d, host-cache hits %d; want both tiers used", m.LocalHits, m.SharedHits)
	}
}
