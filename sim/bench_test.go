package sim

import (
	"runtime"
	"testing"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// benchConfig is the configuration make bench compares with a bare LRU.
func benchConfig() Config {
	c := Default()
	c.Workers, c.Alpha, c.Writes = 8, 0.9, 0
	return c
}

func BenchmarkEngine(b *testing.B) {
	b.Run("accept-8w-zipf0.9-local", func(b *testing.B) { benchmarkEngine(b, benchConfig()) })
	c := benchConfig()
	c.Mode = "shared"
	b.Run("accept-8w-zipf0.9-shared", func(b *testing.B) { benchmarkEngine(b, c) })
	c = benchConfig()
	c.Balancer, c.Workers, c.Writes = "keyhash", 16, 0.05
	b.Run("keyhash-16w-zipf0.9-writes", func(b *testing.B) { benchmarkEngine(b, c) })
	b.Run("poisson-16w-zipf0.9-local", func(b *testing.B) { benchmarkEngine(b, poissonConfig()) })
}

// poissonConfig is the open-loop configuration make bench compares with a
// bare LRU: 16 workers under Poisson arrivals at about half their capacity
// (mean service about 3.2 ms), so that requests overlap, queue now and
// then, and miss together.
func poissonConfig() Config {
	c := benchConfig()
	c.Workers, c.Arrivals, c.Rate, c.Cost.CPU = 16, "poisson", 2500, 500
	return c
}

func benchmarkEngine(b *testing.B, c Config) {
	s, err := New(c)
	if err != nil {
		b.Fatal(err)
	}
	s.Run(100_000) // warm
	b.ReportAllocs()
	b.ResetTimer()
	s.Run(b.N)
}

// BenchmarkBareLRU is the floor: one golang-lru cache of the same size, Get
// then Add on a miss, over a precomputed key stream from the same workload.
func BenchmarkBareLRU(b *testing.B) {
	c := benchConfig()
	w := newWorkload(c)
	keys := make([]int, 1<<20)
	for i := range keys {
		keys[i], _ = w.Next()
	}
	cache, _ := simplelru.NewLRU[int, entry](c.Cache, nil)
	for _, k := range keys[:100_000] {
		if _, ok := cache.Get(k); !ok {
			cache.Add(k, entry{})
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := keys[i&(len(keys)-1)]
		if _, ok := cache.Get(k); !ok {
			cache.Add(k, entry{})
		}
	}
}

// Stepping allocates nothing, hits or misses, in any arrival mode: requests,
// events and socket backlogs are reused, and a full cache reuses the slot of
// the entry it evicts.
func TestStepAllocations(t *testing.T) {
	for _, tc := range []struct {
		q      string
		misses bool // the case inserts while measured
	}{
		{"workers=8&cache=1000&keys=1000&writes=0", false},
		{"workers=8&cache=1000&keys=1000&writes=0&mode=shared&balancer=leastconn", false},
		{"workers=8&writes=0.05", true},
		{"workers=8&writes=0.05&mode=tiered&balancer=keyhash&ttl=100ms", true},
		{"workers=16&cache=1000&keys=1000&writes=0&arrivals=poisson&rate=20000&cpu=500", false},
		{"workers=16&threads=4&clients=200&backlog=64&writes=0.05&arrivals=closed&cpu=300&origin-conns=8&coalesce=worker", true},
		{"workers=8&arrivals=poisson&rate=5000&writes=0.05&mode=tiered&coalesce=shared&ttl=50ms&timeout=20ms&cost-origin=30000&boot=10ms", true},
		{"hosts=4&workers=2&cache=1000&keys=1000&writes=0&mode=tiered-host&host-balancer=keyhash", false},
		{"hosts=4&workers=2&writes=0.05&mode=host&host-balancer=leastconn&outage=host1@1s-3s", true},
		{"workers=8&clients=16&cpu=300&balancer=leastconn&max-requests=500&boot=20ms&writes=0.05", true}, // booting workers passed over
		{"workers=8&clients=16&cpu=300&balancer=roundrobin&max-requests=500&boot=20ms&writes=0.05", true},
		{"workers=8&clients=16&cpu=300&balancer=keyhash&max-requests=500&boot=20ms&writes=0.05", true},
	} {
		s := newTest(t, tc.q)
		s.Run(200_000)
		before := s.Stats()
		allocs := testing.AllocsPerRun(10_000, func() { s.Run(1) })
		after := s.Stats()
		if misses := after.Total.Misses - before.Total.Misses; tc.misses && misses == 0 {
			t.Errorf("%s: no misses while measured; want some, so that inserts are checked", tc.q)
		}
		if allocs > 0 {
			t.Errorf("%s: %.3f allocations per request; want none", tc.q, allocs)
		}
	}
}

// The heap stays flat over a long run in every arrival mode: the series and
// the histograms are bounded, caches are full, and requests, events and
// socket backlogs are reused.
func TestMemoryFlat(t *testing.T) {
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	n := 10_000_000
	if runtime.GOOS == "js" {
		n = 3_000_000 // the same check, in a third of the time, under node
	}
	for _, q := range []string{
		"workers=8",
		"workers=8&clients=24&threads=2&backlog=16&cpu=200&origin-conns=4",
		"workers=8&arrivals=poisson&rate=4000&cpu=500&coalesce=worker&threads=4",
	} {
		s := newTest(t, q)
		s.Run(1_000_000)
		a := heap()
		s.Run(n - 1_000_000)
		b := heap()
		if b > a+256<<10 {
			t.Errorf("%s: heap grew from %d to %d bytes between 1M and %d requests", q, a, b, n)
		}
	}
}

// BenchmarkHosts compares 16 hosts of 8 workers with one host of 128: the
// host balancer and per-host sockets should cost little per request.
func BenchmarkHosts(b *testing.B) {
	one := benchConfig()
	one.Workers = 128
	b.Run("1h-128w", func(b *testing.B) { benchmarkEngine(b, one) })
	many := benchConfig()
	many.Hosts, many.Workers = 16, 8
	b.Run("16h-8w", func(b *testing.B) { benchmarkEngine(b, many) })
	many.HostBalancer, many.Mode = "keyhash", "tiered-host"
	b.Run("16h-8w-keyhash-tiered-host", func(b *testing.B) { benchmarkEngine(b, many) })
}
