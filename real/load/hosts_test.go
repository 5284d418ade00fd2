package load

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/sim"
)

func hostStats(config string, requests int64) serverStats {
	st := serverStats{Config: config}
	st.Workers = make([]board.Worker, 2)
	st.Total.Requests = requests
	return st
}

// usingHost0 is st of a host using host 0's database (cachepit real --origin).
func usingHost0(st serverStats) serverStats {
	st.Settings.Origin = "http://" + sim.HostAddr(0)
	return st
}

// Several hosts: the engine models them with hosts and host-balancer, host
// caches with room for every key, and refuses hosts that differ or are warm.
func TestEngineConfigForHosts(t *testing.T) {
	backends := []string{sim.HostAddr(0), sim.HostAddr(1)}
	tests := []struct {
		name     string
		hosts    []serverStats
		balancer string
		backends []string
		check    func(sim.Config) bool
		note     string // a note containing it, or an error when check is nil
	}{
		{"local keyhash", []serverStats{hostStats("workers=2&cache=5", 0), hostStats("workers=2&cache=5", 0)}, "keyhash", backends,
			func(c sim.Config) bool { return c.Hosts == 2 && c.HostBalancer == "keyhash" && c.Mode == "local" }, ""},
		{"shared is per host", []serverStats{hostStats("workers=2&mode=tiered", 0), hostStats("workers=2&mode=tiered", 0)}, "keyhash", backends,
			func(c sim.Config) bool { return c.Mode == "tiered-host" && c.HostCache == c.Keys }, "never share one entry: predicted as mode tiered-host"},
		{"one database, one shared cache", []serverStats{hostStats("workers=2&mode=shared", 0), usingHost0(hostStats("workers=2&mode=shared", 0))}, "roundrobin", backends,
			func(c sim.Config) bool { return c.Mode == "shared" && c.SharedCache == c.Keys }, "predicted with --shared-cache 100"},
		{"round robin stale", []serverStats{hostStats("workers=2", 0), hostStats("workers=2", 0)}, "roundrobin", backends,
			func(c sim.Config) bool { return c.HostBalancer == "roundrobin" }, "the hosts do not share one database"},
		{"other ports", []serverStats{hostStats("workers=2", 0), hostStats("workers=2", 0)}, "keyhash", []string{"127.0.0.1:9001", "127.0.0.1:9002"},
			func(c sim.Config) bool { return c.Hosts == 2 }, "the engine's ring is over hosts at 127.0.0.1:8001"},
		{"hosts differ", []serverStats{hostStats("workers=2", 0), hostStats("workers=3", 0)}, "keyhash", backends,
			nil, `host 127.0.0.1:8002 runs "workers=3"`},
		{"warm host", []serverStats{hostStats("workers=2", 0), hostStats("workers=2", 4)}, "keyhash", backends,
			nil, "host 127.0.0.1:8002 has served 4 requests already"},
		{"bad balancer", []serverStats{hostStats("workers=2", 0), hostStats("workers=2", 0)}, "ip_hash", backends,
			nil, "--host-balancer must be one of roundrobin, leastconn, random, keyhash"},
	}
	for _, tt := range tests {
		c, notes, err := engineConfig(Options{Config: workload(10), Backends: tt.backends, HostBalancer: tt.balancer}, tt.hosts)
		if tt.check == nil {
			if err == nil || !strings.Contains(err.Error(), tt.note) {
				t.Errorf("%s: error %v; want one containing %q", tt.name, err, tt.note)
			}
			continue
		}
		if err != nil || !tt.check(c) {
			t.Errorf("%s: got %v and %+v", tt.name, err, c)
		}
		if tt.note != "" && !strings.Contains(strings.Join(notes, "\n"), tt.note) {
			t.Errorf("%s: notes %q; want one containing %q", tt.name, notes, tt.note)
		}
	}
}

// Hosts share one database when one keeps its own and the others use it.
func TestOneDatabase(t *testing.T) {
	backends := []string{"127.0.0.1:8001", "127.0.0.1:8002", "127.0.0.1:8003"}
	withOrigin := func(origins ...string) []serverStats {
		sts := make([]serverStats, len(origins))
		for i, o := range origins {
			sts[i].Settings.Origin = o
		}
		return sts
	}
	atMaster := withOrigin("", "http://127.0.0.1:8101", "http://127.0.0.1:8101") // host 0's master serves it (--origin-addr)
	atMaster[0].Settings.OriginAddr = "127.0.0.1:8101"
	for _, tc := range []struct {
		sts  []serverStats
		want bool
	}{
		{withOrigin("", "http://127.0.0.1:8001", "http://127.0.0.1:8001"), true},
		{atMaster, true},
		{withOrigin("", "http://127.0.0.1:8101", "http://127.0.0.1:8101"), false}, // 8101 is nobody's
		{withOrigin("http://127.0.0.1:8002", "", "http://127.0.0.1:8002/"), true},
		{withOrigin("", "", "http://127.0.0.1:8001"), false},                      // host 1 keeps its own
		{withOrigin("", "http://127.0.0.1:8001", "http://127.0.0.1:9009"), false}, // host 2 uses another
		{withOrigin("http://127.0.0.1:8002", "http://127.0.0.1:8001", "http://127.0.0.1:8001"), false},
	} {
		if got := oneDatabase(backends, tc.sts); got != tc.want {
			t.Errorf("%+v: got %v; want %v", tc.sts, got, tc.want)
		}
	}
}

// One host in a host mode: the host cache is Memcached, with room for every key.
func TestEngineConfigHostCache(t *testing.T) {
	c, _, err := engineConfig(Options{Config: workload(10)}, []serverStats{hostStats("workers=2&mode=tiered-host", 0)})
	if err != nil || c.HostCache != 100 || c.Hosts != 1 {
		t.Errorf("got %v, host cache %d, hosts %d; want the 100 keys and 1 host", err, c.HostCache, c.Hosts)
	}
	w := workload(10)
	w.HostCache = 7
	if c, _, _ := engineConfig(Options{Config: w, HostCacheSet: true}, []serverStats{hostStats("workers=2&mode=host", 0)}); c.HostCache != 7 {
		t.Errorf("--host-cache 7: got %d", c.HostCache)
	}
}

// The router tells answers on nginx's ring, and in turn, from the rest.
func TestRouter(t *testing.T) {
	backends := []string{"127.0.0.1:8001", "127.0.0.1:8002", "127.0.0.1:8003"}
	ring := sim.HostRing(3)
	rt, err := newRouter(backends, "keyhash")
	if err != nil {
		t.Fatal(err)
	}
	for k := range 30 {
		h := ring.Pick(sim.KeyURI(k))
		if k%10 == 0 {
			h = (h + 1) % 3 // a request nginx sent elsewhere
		}
		rt.add(k, backends[h])
	}
	rt.add(0, "127.0.0.1:9999") // an answer from none of the backends
	if rt.r.Named != 30 || rt.r.OnRing != 27 {
		t.Errorf("got %+v; want 30 named, 27 on the ring", rt.r)
	}
	rr, _ := newRouter(backends, "roundrobin")
	for i, h := range []int{0, 1, 2, 0, 2, 0, 1} {
		rr.add(i, backends[h])
	}
	if rr.r.InTurn != 5 || rr.r.OnRing != 0 {
		t.Errorf("got %+v; want 5 in turn (all but 0->2) and none on a ring", rr.r)
	}
}
