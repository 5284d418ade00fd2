package sim

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
)

// One host is the engine as it was: whatever the host balancer, the run is
// the same, event by event (the goldens pin it against the files too).
func TestOneHostIsUnchanged(t *testing.T) {
	run := func(q string) []byte {
		s := newTest(t, q)
		evs := make([]Event, 0, 5000)
		for range 5000 {
			evs = append(evs, s.Step())
		}
		b, _ := json.Marshal([]any{evs, s.Stats(), s.Series()})
		return b
	}
	for _, base := range []string{"writes=0.05&clients=4&cpu=300", "balancer=keyhash&mode=tiered", "balancer=leastconn&clients=8&threads=2"} {
		want := run(base)
		for _, hb := range HostBalancers {
			if got := run(base + "&host-balancer=" + hb); string(got) != string(want) {
				t.Errorf("%s with host-balancer=%s differs from the single-host run", base, hb)
			}
		}
	}
}

// The keyhash host balancer sends every request where nginx's
// `hash $request_uri consistent;` over 127.0.0.1:8001.. would.
func TestHostKeyHashIsNginxRing(t *testing.T) {
	ring, err := NewNginxRing([]string{"127.0.0.1:8001", "127.0.0.1:8002", "127.0.0.1:8003"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := newTest(t, "hosts=3&workers=2&host-balancer=keyhash&clients=4&cpu=200")
	for range 20_000 {
		ev := s.Step()
		if want := ring.Pick(fmt.Sprintf("/item/%d", ev.Key)); ev.Host != want {
			t.Fatalf("request %d for key %d served by host %d; nginx's ring picks %d", ev.Seq, ev.Key, ev.Host, want)
		}
		if ev.Worker/2 != ev.Host {
			t.Fatalf("request %d: worker %d is not on host %d", ev.Seq, ev.Worker, ev.Host)
		}
	}
}

// Host balancers share requests as nginx's do: round robin and random
// evenly; leastconn evenly when hosts are alike.
func TestHostShares(t *testing.T) {
	for _, hb := range []string{"roundrobin", "random", "leastconn"} {
		s := newTest(t, "hosts=4&workers=2&clients=8&cpu=300&host-balancer="+hb)
		s.Run(40_000)
		for _, h := range s.Stats().Hosts {
			if share := float64(h.Total.Requests) / 40_000; math.Abs(share-0.25) > 0.02 {
				t.Errorf("%s: host %d served %.3f of requests; want 0.25", hb, h.ID, share)
			}
		}
	}
}

// Host caches: a write on one host leaves the other hosts' copies stale, and
// memory counts every host's copies.
func TestHostCachesStaleAndDuplicates(t *testing.T) {
	s := newTest(t, "hosts=3&workers=2&mode=host&writes=0.05&keys=200")
	s.Run(30_000)
	st := s.Stats()
	if st.Total.Stale == 0 {
		t.Error("no stale reads across host caches")
	}
	if st.Memory.Duplicates == 0 || st.Memory.Entries != st.Hosts[0].Cache.Currsize+st.Hosts[1].Cache.Currsize+st.Hosts[2].Cache.Currsize {
		t.Errorf("memory %+v; host caches %d %d %d", st.Memory, st.Hosts[0].Cache.Currsize, st.Hosts[1].Cache.Currsize, st.Hosts[2].Cache.Currsize)
	}
	// one shared cache of the same memory: never stale with one client
	g := newTest(t, "hosts=3&workers=2&mode=shared&writes=0.05&keys=200")
	g.Run(30_000)
	if got := g.Stats().Total.Stale; got != 0 {
		t.Errorf("shared cache across hosts: %d stale reads; want 0", got)
	}
	// cache_info inside a worker of host 1 is its host cache's
	if info, h := s.Info(3), st.Hosts[1].Cache; info.Hits != h.Hits || info.Currsize != int64(h.Currsize) {
		t.Errorf("worker 3's cache_info %+v; host 1's cache %+v", info, h)
	}
}

// Che's approximation holds for host caches and per-worker caches behind
// several hosts, within 0.01: a cache sees the whole stream when no balancer
// on its way is key-based, and its share of the keys when one is.
func TestCheHosts(t *testing.T) {
	for _, q := range []string{
		"mode=host&hosts=4&workers=4&cache=50",
		"mode=host&hosts=4&workers=4&cache=50&host-balancer=keyhash",
		"mode=local&hosts=4&workers=2&cache=100&host-balancer=keyhash",
		"mode=local&hosts=4&workers=2&cache=100&host-balancer=keyhash&balancer=keyhash",
		"mode=local&hosts=4&workers=2&cache=100&host-balancer=random",
		"mode=shared&hosts=4&workers=2&cache=50&host-balancer=keyhash",
	} {
		for _, alpha := range []string{"0.8", "1"} {
			q := q + "&alpha=" + alpha + "&keys=10000&writes=0&warmup=100000"
			t.Run(q, func(t *testing.T) {
				t.Parallel()
				s := newTest(t, q)
				s.Run(s.cfg.Warmup + 400_000)
				st := s.Stats()
				want := Predict(s.cfg).HitRatio
				if got := st.HitRatio; math.Abs(got-want) > 0.01 {
					t.Errorf("hit ratio %.4f; Che predicts %.4f", got, want)
				}
				if s.cfg.HostBalancer == "keyhash" || s.cfg.Mode == "shared" {
					return
				}
				// key-blind all the way: every cache on its own is one cache of its size
				if s.cfg.HasHost() {
					for _, h := range st.Hosts {
						if got := ratio(h.Cache.Hits, h.Cache.Hits+h.Cache.Misses); math.Abs(got-want) > 0.01 {
							t.Errorf("host %d's cache: hit ratio %.4f; Che predicts %.4f", h.ID, got, want)
						}
					}
					return
				}
				for _, w := range st.Workers {
					if got := w.HitRatio(); math.Abs(got-want) > 0.01 {
						t.Errorf("worker %d: hit ratio %.4f; Che predicts %.4f", w.ID, got, want)
					}
				}
			})
		}
	}
}

// Keyhash at the host level gives each host cache its share of the keys, so
// the same memory hits more often than behind round robin.
func TestPredictHostKeyHash(t *testing.T) {
	c := Default()
	c.Hosts, c.Mode = 4, "host"
	rr := Predict(c).HitRatio
	c.HostBalancer = "keyhash"
	if kh := Predict(c).HitRatio; kh <= rr+0.05 {
		t.Errorf("host keyhash predicts %.3f; round robin %.3f; want well above", kh, rr)
	}
	c.Hosts = 1 // one host: nginx skips the ring, so keyhash changes nothing
	if got, want := Predict(c).HitRatio, Che(c, c.HostSize()); got != want {
		t.Errorf("one host with keyhash predicts %v; want %v", got, want)
	}
}

// The scopes side by side on the identical requests, 4 hosts of 4 workers
// with the same memory each (go test ./sim -run TestScopes -v prints the
// table the README quotes). Key routing at the load balancer makes host
// caches behave as one cache of their total memory: each key lives on one
// host, so no duplicates and, one request at a time, no stale reads.
func TestScopes(t *testing.T) {
	type row struct {
		name       string
		st         Stats
		prediction float64
	}
	var rows []row
	for _, q := range []string{
		"mode=local", "mode=local&host-balancer=keyhash",
		"mode=host", "mode=host&host-balancer=keyhash",
		"mode=tiered-host&host-balancer=keyhash", "mode=shared",
	} {
		s := newTest(t, "hosts=4&workers=4&keys=10000&"+q)
		s.Run(100_000)
		rows = append(rows, row{q, s.Stats(), Predict(s.cfg).HitRatio})
	}
	t.Logf("%-40s %9s %9s %12s %11s %8s %10s", "hosts=4&workers=4&keys=10000&", "hit ratio", "predicted", "origin reads", "stale reads", "entries", "duplicates")
	for _, r := range rows {
		t.Logf("%-40s %9.3f %9.3f %12d %11d %8d %10d", r.name, r.st.HitRatio, r.prediction, r.st.Origin.Reads, r.st.Total.Stale, r.st.Memory.Entries, r.st.Memory.Duplicates)
		if math.Abs(r.st.HitRatio-r.prediction) > 0.02 {
			t.Errorf("%s: hit ratio %.3f; predicted %.3f", r.name, r.st.HitRatio, r.prediction)
		}
	}
	local, localKH, host, hostKH, shared := rows[0].st, rows[1].st, rows[2].st, rows[3].st, rows[5].st
	if !(localKH.Origin.Reads < local.Origin.Reads && host.Origin.Reads < local.Origin.Reads && hostKH.Origin.Reads < host.Origin.Reads) {
		t.Errorf("origin reads local %d, local+keyhash %d, host %d, host+keyhash %d: want each fix to read less", local.Origin.Reads, localKH.Origin.Reads, host.Origin.Reads, hostKH.Origin.Reads)
	}
	if shared.Total.Stale != 0 || host.Total.Stale == 0 || hostKH.Total.Stale != 0 || hostKH.Memory.Duplicates != 0 {
		t.Errorf("stale reads shared %d, host %d, host+keyhash %d; duplicates host+keyhash %d", shared.Total.Stale, host.Total.Stale, hostKH.Total.Stale, hostKH.Memory.Duplicates)
	}
}

// One host with a host cache is one shared cache by another name: the same
// run, event by event, with the host cache's counters where the shared
// cache's were.
func TestOneHostCacheIsSharedCache(t *testing.T) {
	for _, pair := range [][2]string{
		{"mode=shared&writes=0.05&clients=4&cpu=300", "mode=host&cost-host=500&writes=0.05&clients=4&cpu=300"},
		{"mode=tiered&ttl=20ms&writes=0.05", "mode=tiered-host&cost-host=500&ttl=20ms&writes=0.05"},
	} {
		a, b := newTest(t, pair[0]), newTest(t, pair[1])
		for range 20_000 {
			if ea, eb := a.Step(), b.Step(); ea != eb {
				t.Fatalf("%s: %+v\n%s: %+v", pair[0], ea, pair[1], eb)
			}
		}
		sa, sb := a.Stats(), b.Stats()
		if sa.Shared != sb.Hosts[0].Cache || sa.Total != sb.Total || sa.Memory != sb.Memory || sb.Shared != (SharedStats{}) {
			t.Errorf("%s: shared %+v, total %+v\n%s: host cache %+v, total %+v", pair[0], sa.Shared, sa.Total, pair[1], sb.Hosts[0].Cache, sb.Total)
		}
	}
}
