package sim

import "testing"

func newTest(t *testing.T, q string) *Sim {
	t.Helper()
	c, err := ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRecycleEmptiesCache(t *testing.T) {
	s := newTest(t, "workers=1&max-requests=10&writes=0")
	for i := 1; i <= 10; i++ {
		ev := s.Step()
		if got, want := ev.Recycled, i == 10; got != want {
			t.Fatalf("request %d: recycled %v; want %v", i, got, want)
		}
	}
	st := s.Stats().Workers[0]
	if st.Currsize != 0 || st.Generation != 1 || st.Recycles != 1 || st.RequestsLeft != 10 {
		t.Errorf("after recycling: %+v", st)
	}
}

func TestJitterRange(t *testing.T) {
	s := newTest(t, "workers=64&max-requests=100&max-requests-jitter=20")
	seen := map[int64]bool{}
	for _, w := range s.Stats().Workers {
		if w.RequestsLeft < 100 || w.RequestsLeft > 120 {
			t.Errorf("worker %d limit %d outside 100..120", w.ID, w.RequestsLeft)
		}
		seen[w.RequestsLeft] = true
	}
	if len(seen) < 5 {
		t.Errorf("jitter gave only %d distinct limits for 64 workers", len(seen))
	}
}

// With --preload every worker starts with the master's warmed copy, and a
// recycled worker gets that same copy again: old versions included.
func TestPreloadServesMastersCopy(t *testing.T) {
	s := newTest(t, "workers=2&cache=5&keys=50&preload=true&writes=0")
	for i := range 2 {
		if got := keysOf(s.LocalKeys(i)); len(got) != 5 || got[4] != 0 {
			t.Fatalf("worker %d preloaded %v; want 5 keys, key 0 most recent", i, got)
		}
	}
	s.Do(0, 0, Write)
	if err := s.Restart(0); err != nil {
		t.Fatal(err)
	}
	ev, _ := s.Do(0, 0, Read)
	if !ev.Hit || !ev.Stale {
		t.Errorf("restarted preloaded worker: %+v; want a stale hit on key 0", ev)
	}
	if err := s.Restart(2); err == nil {
		t.Error("Restart(2) of 2 workers: no error")
	}
}

func TestTTLExpiresLocalEntries(t *testing.T) {
	// a miss takes 5001 µs and fills at its end; a hit 1 µs
	s := newTest(t, "workers=1&keys=10&ttl=5ms&writes=0")
	s.Do(0, 1, Read)
	if ev, _ := s.Do(0, 1, Read); !ev.Hit {
		t.Fatalf("second read within TTL missed: %+v", ev)
	}
	s.Do(0, 2, Read)
	ev, _ := s.Do(0, 1, Read) // 5002 µs after the fill
	if ev.Hit || !ev.Expired {
		t.Errorf("read after TTL: %+v; want an expired miss", ev)
	}
	// Older links gave the TTL as a count of requests: a clear notice.
	if _, err := ParseQuery("ttl=500"); err == nil || err.Error() != `ttl is now a duration such as 30s or 500ms, not a count of requests, got "500"` {
		t.Errorf("ttl=500: %v", err)
	}
}

// In tiered mode a local miss that hits the shared cache fills the local one.
func TestTieredFillsBothLevels(t *testing.T) {
	s := newTest(t, "workers=2&keys=10&mode=tiered&writes=0")
	s.Do(0, 3, Read)
	ev, _ := s.Do(1, 3, Read)
	if ev.From != Shared || !ev.Hit {
		t.Fatalf("worker 1 after worker 0 fetched: %+v; want a shared hit", ev)
	}
	if ev, _ = s.Do(1, 3, Read); ev.From != Local {
		t.Fatalf("third read: %+v; want local", ev)
	}
	if m := s.Stats().Memory; m.Entries != 3 || m.Distinct != 1 || m.Duplicates != 2 {
		t.Errorf("memory %+v; want 3 entries of 1 key", m)
	}
}

func TestBalancers(t *testing.T) {
	counts := func(q string) []int64 {
		s := newTest(t, q)
		s.Run(40_000)
		var out []int64
		for _, w := range s.Stats().Workers {
			out = append(out, w.Requests)
		}
		return out
	}
	rr := counts("workers=4&balancer=roundrobin")
	for _, n := range rr {
		if n != 10_000 {
			t.Errorf("roundrobin counts %v; want 10000 each", rr)
			break
		}
	}
	// accept: gunicorn's sync workers, each idle worker equally likely to
	// win (4 sd of a binomial share is about 350 of 40,000).
	for _, n := range counts("workers=4&balancer=accept") {
		if n < 9_650 || n > 10_350 {
			t.Errorf("accept counts %v; want about 10000 each", counts("workers=4&balancer=accept"))
			break
		}
	}
	// accept-bootorder: cachepit real's Go workers, about 4:3:2:1 in boot order.
	acc := counts("workers=4&balancer=accept-bootorder")
	lo, hi := acc[0], acc[0]
	for _, n := range acc {
		lo, hi = min(lo, n), max(hi, n)
	}
	if lo == 0 || acc[0] != hi || acc[3] != lo || float64(hi)/float64(lo) < 3 {
		t.Errorf("accept-bootorder counts %v; want every worker used, the first booted most, about 4:3:2:1", acc)
	}
	// With accept-bootorder a restarted worker rejoins at the back of the boot order.
	s0 := newTest(t, "workers=2&balancer=accept-bootorder")
	s0.Restart(0)
	s0.Run(30_000)
	if w := s0.Stats().Workers; w[0].Requests >= w[1].Requests {
		t.Errorf("after restarting worker 0: requests %d vs %d; want worker 1 ahead", w[0].Requests, w[1].Requests)
	}
	// keyhash: every key always meets the same worker.
	s := newTest(t, "workers=5&balancer=keyhash")
	owner := map[int]int{}
	for range 20_000 {
		ev := s.Step()
		if w, ok := owner[ev.Key]; ok && w != ev.Worker {
			t.Fatalf("key %d went to workers %d and %d", ev.Key, w, ev.Worker)
		}
		owner[ev.Key] = ev.Worker
	}
	if m := s.Stats().Memory; m.Duplicates != 0 {
		t.Errorf("keyhash duplicates %d; want 0", m.Duplicates)
	}
	// leastconn with one client finds every worker free: round robin,
	// whatever the costs.
	if lb := counts("workers=4&balancer=leastconn&writes=0.2"); lb[0] != 10_000 || lb[3] != 10_000 {
		t.Errorf("leastconn with one client %v; want round robin", lb)
	}
}

func TestLatencyPercentiles(t *testing.T) {
	for _, tc := range []struct {
		values map[int64]int64 // value: how many times
		want   Latency
	}{
		{map[int64]int64{}, Latency{}},
		{map[int64]int64{1: 100}, Latency{P50: 1, P95: 1, P99: 1, Mean: 1}},
		{map[int64]int64{1: 94, 5001: 6}, Latency{P50: 1, P95: 5001, P99: 5001, Mean: (94 + 6*5001) / 100.0}},
		{map[int64]int64{1: 99, 5000: 1}, Latency{P50: 1, P95: 1, P99: 1, Mean: (99 + 5000) / 100.0}},
		// 20000 and 20010 share a bucket: the bucket's mean, within 0.2%
		{map[int64]int64{5500: 51, 20000: 25, 20010: 25, 1 << 40: 1}, Latency{P50: 5500, P95: 20005, P99: 20005, Mean: (51*5500 + 25*20000 + 25*20010 + 1<<40) / 102.0}},
	} {
		var h histogram
		for v, n := range tc.values {
			for range n {
				h.add(v)
			}
		}
		if got := h.summary(); got != tc.want {
			t.Errorf("summary of %v = %+v; want %+v", tc.values, got, tc.want)
		}
	}
	for v := int64(0); v < 1<<20; v += 1 + v/7 {
		i := histIndex(v)
		if i < 0 || i >= histBuckets || (v > 0 && i < histIndex(v-1)) {
			t.Fatalf("histIndex(%d) = %d", v, i)
		}
	}
}

func TestWarmupExcluded(t *testing.T) {
	s := newTest(t, "warmup=1000")
	s.Run(1500)
	st := s.Stats()
	if st.Total.Requests != 500 || st.Counted != 500 || st.Seq != 1500 {
		t.Errorf("after 1500 requests with warmup 1000: counted %d, total %d, seq %d", st.Counted, st.Total.Requests, st.Seq)
	}
}

func TestSeriesStaysBounded(t *testing.T) {
	s := newTest(t, "")
	s.Run(1_000_000)
	pts := s.Series()
	if len(pts) == 0 || len(pts) >= maxPoints {
		t.Fatalf("%d points; want 1..%d", len(pts), maxPoints-1)
	}
	var reads int64
	for _, p := range pts {
		reads += p.Reads
	}
	if total := s.Stats().Total.Reads; total-reads > total/maxPoints*2 {
		t.Errorf("series covers %d reads of %d", reads, total)
	}
}

func TestSeq(t *testing.T) {
	s := newTest(t, "warmup=10")
	s.Run(25)
	if s.Seq() != 25 || s.Stats().Seq != 25 {
		t.Errorf("Seq() = %d, Stats().Seq = %d; want 25", s.Seq(), s.Stats().Seq)
	}
}

// cache_info() belongs to the process: a restarted or recycled worker
// answers from zero, while its WorkerStats keep the totals since counting
// started.
func TestInfoIsThePresentProcess(t *testing.T) {
	s := newTest(t, "workers=2&cache=5&keys=20&writes=0&balancer=roundrobin")
	s.Run(200)
	before := s.Stats().Workers[1]
	if info := s.Info(1); info.Hits+info.Misses != before.Reads || info.Hits != before.LocalHits {
		t.Fatalf("before the restart: info %+v; worker %+v", info, before)
	}
	s.Restart(1)
	if got, want := s.Info(1), (CacheInfo{Hits: 0, Misses: 0, Maxsize: 5, Currsize: 0}); got != want {
		t.Errorf("after a restart: %+v; want %+v", got, want)
	}
	s.Run(10)
	after := s.Stats().Workers[1]
	if info := s.Info(1); info.Hits+info.Misses != after.Reads-before.Reads {
		t.Errorf("5 reads after the restart: info %+v; worker totals went from %d to %d reads", info, before.Reads, after.Reads)
	}
	r := newTest(t, "workers=2&cache=5&keys=20&writes=0&max-requests=50")
	r.Run(120)
	for i, w := range r.Stats().Workers {
		if info := r.Info(i); w.Generation == 0 || info.Hits+info.Misses >= w.Reads {
			t.Errorf("worker %d recycled %d times: info %+v counts as many reads as all its generations (%d)", i, w.Generation, info, w.Reads)
		}
	}
}

// With --preload the master reads the keys it caches before the fork: the
// database serves them once, and each child's cache_info() starts with the
// master's misses, as functools' counters are copied by fork.
func TestPreloadIsNotFree(t *testing.T) {
	s := newTest(t, "workers=2&cache=5&keys=50&preload=true&writes=0")
	if got := s.Stats().Origin.Reads; got != 5 {
		t.Errorf("before any request the database served %d reads; want the master's 5", got)
	}
	for i := range 2 {
		if got, want := s.Info(i), (CacheInfo{Hits: 0, Misses: 5, Maxsize: 5, Currsize: 5}); got != want {
			t.Errorf("worker %d starts with %+v; want %+v", i, got, want)
		}
	}
	s.Do(0, 0, Read)
	s.Restart(0)
	if got, want := s.Info(0), (CacheInfo{Hits: 0, Misses: 5, Maxsize: 5, Currsize: 5}); got != want {
		t.Errorf("a restarted worker starts with %+v; want the master's %+v", got, want)
	}
	if got := s.Stats().Origin.Reads; got != 5 {
		t.Errorf("a fork from the warm master read the database again: %d reads; want 5", got)
	}
}

// GET /get_cache_info is served by a worker (it counts towards max_requests)
// but reads no cache and no origin: cache_info() stays as it was.
func TestInfoRequest(t *testing.T) {
	s := newTest(t, "workers=2&cache=2&keys=1&writes=0&max-requests=3")
	s.Do(0, 0, Read)
	before := s.Info(0)
	ev, err := s.Do(0, 0, Info)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Op != Info || ev.Hit || ev.Seq != 2 {
		t.Errorf("event %+v", ev)
	}
	if got := s.Info(0); got != before {
		t.Errorf("cache_info after a cache_info request: %+v; want %+v", got, before)
	}
	w := s.Stats().Workers[0]
	if w.Requests != 2 || w.Reads != 1 || s.Stats().Origin.Reads != 1 {
		t.Errorf("worker %+v, origin %+v", w, s.Stats().Origin)
	}
	if ev, _ := s.Do(0, 0, Info); !ev.Recycled {
		t.Error("the third request did not recycle the worker at max-requests=3")
	}
}
