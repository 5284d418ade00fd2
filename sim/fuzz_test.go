package sim

import (
	"encoding/json"
	"fmt"
	"testing"
)

// ParseQuery never panics, always returns a valid config, and what it
// returns encodes and parses back to itself.
func FuzzParseQuery(f *testing.F) {
	for _, q := range goldenConfigs {
		f.Add(q)
	}
	f.Add("workers=%zz&alpha=NaN&writes=-0&seed=18446744073709551615&preload=maybe")
	f.Add("hosts=2&outage=shared@549ms-,host1@1s--2s")
	f.Fuzz(func(t *testing.T, q string) {
		c, _ := ParseQuery(q)
		if err := c.Validate(); err != nil {
			t.Fatalf("ParseQuery(%q) returned an invalid config: %v", q, err)
		}
		back, err := ParseQuery(c.Query())
		if err != nil || back != c {
			t.Fatalf("round trip of %+v: got %+v, %v", c, back, err)
		}
	})
}

// Random configs keep the engine's invariants over many steps.
func FuzzEngine(f *testing.F) {
	f.Add(uint8(4), uint8(10), uint16(100), uint8(1), uint8(0), uint8(0), uint8(10), uint16(0), uint16(0), false, uint64(1))
	f.Add(uint8(1), uint8(1), uint16(1), uint8(3), uint8(3), uint8(2), uint8(255), uint16(3), uint16(5), true, uint64(9))
	f.Add(uint8(3), uint8(20), uint16(50), uint8(1), uint8(2), uint8(2), uint8(30), uint16(0), uint16(40), false, uint64(0x1_2345_6789))
	f.Add(uint8(2), uint8(30), uint16(400), uint8(1), uint8(3), uint8(3), uint8(20), uint16(0), uint16(0), false, uint64(0x0123_3B32_0000_0000)) // 3 hosts, keyhash, outages
	f.Fuzz(func(t *testing.T, workers, cache uint8, keys uint16, dist, bal, mode, writes uint8, ttl, maxReq uint16, preload bool, seed uint64) {
		c := Default()
		c.Workers = 1 + int(workers)%16
		c.Cache = 1 + int(cache)
		c.Keys = 1 + int(keys)%2000
		c.Dist = Dists[int(dist)%len(Dists)]
		c.Balancer = Balancers[int(bal)%len(Balancers)]
		c.Mode = Modes[int(mode)%len(Modes)]
		c.Writes = float64(writes) / 255
		c.TTL = int64(ttl) % 50 * 1000
		c.MaxRequests = int(maxReq) % 300
		c.MaxRequestsJitter = int(maxReq) % 7
		c.Preload = preload
		c.Seed = seed
		// time: the seed's spare bits pick clients, threads, cpu and arrivals
		c.Clients = 1 + int(seed>>8)%12
		c.Threads = 1 + int(seed>>12)%4
		c.Cost.CPU = int(seed>>16) % 3 * 500
		c.Backlog = int(seed>>20) % 20
		c.OriginConns = int(seed>>30) % 4
		c.Boot = int64(seed>>32) % 3 * 20_000
		c.Timeout = int64(seed>>34) % 3 * 6_000
		c.DeployAt = int(seed>>36) % 4 * 700
		c.Rolling = seed>>38&1 == 1
		c.Coalesce = Coalesces[int(seed>>39)%3]
		if c.Coalesce == "shared" && !c.HasShared() {
			c.Coalesce = "worker"
		}
		if seed>>24&1 == 1 {
			c.Arrivals, c.Rate = "poisson", float64(100+int(seed>>25)%5000)
		}
		// hosts: more spare bits pick hosts, their balancer and an outage
		c.Hosts = 1 + int(seed>>32)%4
		c.HostBalancer = HostBalancers[int(seed>>36)%len(HostBalancers)]
		if seed>>40&1 == 1 {
			c.Outage = fmt.Sprintf("shared@%dms-%dms,host%d@%dms-%dms", seed>>41%50, 50+seed>>41%500, int(seed>>48)%c.Hosts, seed>>50%80, 90+seed>>50%800)
		}
		s, err := New(c)
		if err != nil {
			t.Fatalf("valid config rejected: %v", err)
		}
		for i := range 3000 {
			ev := s.Step()
			// With requests at once a fetch can fill the shared cache with the
			// version it read before a write landed (cache-aside's race); one at
			// a time, a shared cache is never stale.
			if c.Mode == "shared" && ev.Stale && c.Clients == 1 && c.Arrivals == "closed" {
				t.Fatalf("stale read in shared mode at seq %d", ev.Seq)
			}
			if i%500 == 0 {
				checkInvariants(t, s)
			}
			checkCapacity(t, s)
		}
		checkInvariants(t, s)
		again, _ := New(c)
		again.Run(3000)
		a, _ := json.Marshal(s.Stats())
		b, _ := json.Marshal(again.Stats())
		if string(a) != string(b) {
			t.Fatal("same config and seed gave different stats")
		}
	})
}

func checkInvariants(t *testing.T, s *Sim) {
	t.Helper()
	st := s.Stats()
	entries := st.Shared.Currsize
	for _, w := range st.Workers {
		if w.Hits+w.Misses != w.Reads || w.Reads+w.Writes != w.Requests {
			t.Fatalf("worker %d: hits %d + misses %d != reads %d, or reads + writes %d != requests %d", w.ID, w.Hits, w.Misses, w.Reads, w.Writes, w.Requests)
		}
		if w.LocalHits+w.SharedHits != w.Hits {
			t.Fatalf("worker %d: local %d + shared %d hits != hits %d", w.ID, w.LocalHits, w.SharedHits, w.Hits)
		}
		if w.Currsize > w.Maxsize {
			t.Fatalf("worker %d: currsize %d > maxsize %d", w.ID, w.Currsize, w.Maxsize)
		}
		if got := len(s.LocalKeys(w.ID)); got != w.Currsize {
			t.Fatalf("worker %d: %d keys listed, currsize %d", w.ID, got, w.Currsize)
		}
		entries += w.Currsize
	}
	for _, h := range st.Hosts {
		if h.Cache.Currsize > h.Cache.Maxsize {
			t.Fatalf("host %d: cache currsize %d > maxsize %d", h.ID, h.Cache.Currsize, h.Cache.Maxsize)
		}
		if got := len(s.HostKeys(h.ID)); got != h.Cache.Currsize {
			t.Fatalf("host %d: %d keys listed, currsize %d", h.ID, got, h.Cache.Currsize)
		}
		entries += h.Cache.Currsize
	}
	if st.Shared.Currsize > st.Shared.Maxsize {
		t.Fatalf("shared currsize %d > maxsize %d", st.Shared.Currsize, st.Shared.Maxsize)
	}
	if st.Memory.Entries != entries || st.Memory.Duplicates < 0 || st.Memory.Distinct > s.cfg.Keys {
		t.Fatalf("memory %+v; caches hold %d entries", st.Memory, entries)
	}
	master := int64(0) // the master's preload reads, counted unless a warmup reset the counters
	if s.cfg.Warmup == 0 {
		master = int64(len(s.preload))
	}
	if st.Origin.Reads != st.Total.Misses+master || st.Origin.Writes != st.Total.Writes {
		t.Fatalf("origin %+v; total misses %d + the master's %d, writes %d", st.Origin, st.Total.Misses, master, st.Total.Writes)
	}
}
