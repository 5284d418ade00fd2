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
	s := newTest(t, "workers=1&keys=10&ttl=3&writes=0")
	s.Do(0, 1, Read)
	if ev, _ := s.Do(0, 1, Read); !ev.Hit {
		t.Fatalf("second read within TTL missed: %+v", ev)
	}
	s.Do(0, 2, Read)
	ev, _ := s.Do(0, 1, Read) // four requests after the fill
	if ev.Hit || !ev.Expired {
		t.Errorf("read after TTL: %+v; want an expired miss", ev)
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
	acc := counts("workers=4&balancer=accept")
	lo, hi := acc[0], acc[0]
	for _, n := range acc {
		lo, hi = min(lo, n), max(hi, n)
	}
	if lo == 0 || acc[0] != hi || acc[3] != lo || float64(hi)/float64(lo) < 3 {
		t.Errorf("accept counts %v; want every worker used, the first booted most, about 4:3:2:1", acc)
	}
	// A restarted worker rejoins at the back of the boot order.
	s0 := newTest(t, "workers=2")
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
	// leastbusy with free caches is round robin; with origin costs, slow
	// workers get fewer requests but every worker serves.
	if lb := counts("workers=4&balancer=leastbusy&cost-local=0&cost-shared=0&cost-origin=0"); lb[0] != 10_000 || lb[3] != 10_000 {
		t.Errorf("leastbusy with zero costs %v; want round robin", lb)
	}
}

func TestLatencyPercentiles(t *testing.T) {
	costs := pathCosts(Default())
	for _, tc := range []struct {
		counts [paths]int64
		want   Latency
	}{
		{[paths]int64{}, Latency{}},
		{[paths]int64{pathLocal: 100}, Latency{P50: 1, P95: 1, P99: 1, Mean: 1}},
		{[paths]int64{pathLocal: 94, pathOrigin: 6}, Latency{P50: 1, P95: 5001, P99: 5001, Mean: (94 + 6*5001) / 100.0}},
		{[paths]int64{pathLocal: 99, pathWrite: 1}, Latency{P50: 1, P95: 1, P99: 1, Mean: (99 + 5000) / 100.0}},
	} {
		if got := summarize(costs, tc.counts); got != tc.want {
			t.Errorf("summarize(%v) = %+v; want %+v", tc.counts, got, tc.want)
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
