package prefork

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/worker"
	"github.com/cachepit/cachepit/sim"
)

// A sync worker serves one request at a time; with --threads 3, or as a go
// worker, three at once.
func TestSyncWorkerServesOneAtATime(t *testing.T) {
	for _, tc := range []struct {
		class     string
		threads   int
		serialize bool
	}{
		{worker.AcceptSync, 1, true},
		{worker.AcceptSync, 3, false},
		{worker.AcceptGo, 1, false},
	} {
		o := opts(1, "local", 10, "")
		o.WorkerClass, o.Settings.Threads, o.Settings.Cost.Origin = tc.class, tc.threads, 200_000
		_, base := serve(t, Config{Worker: o})
		start := time.Now()
		var wg sync.WaitGroup
		for k := range 3 {
			wg.Go(func() { do(t, "GET", fmt.Sprintf("%s/item/%d", base, k), nil) }) // 3 misses: 200 ms each at the origin
		}
		wg.Wait()
		took := time.Since(start)
		t.Logf("%s worker, %d threads: 3 requests of 200 ms took %v", tc.class, tc.threads, took)
		if tc.serialize && took < 600*time.Millisecond {
			t.Errorf("%s worker, %d threads: 3 requests took %v; want one after another, 600ms or more", tc.class, tc.threads, took)
		}
		if !tc.serialize && took >= 550*time.Millisecond {
			t.Errorf("%s worker, %d threads: 3 requests took %v; want them at once, well under 600ms", tc.class, tc.threads, took)
		}
	}
}

// Sync workers race for each connection afresh, as gunicorn's do: with one
// client, every worker of four gets about a quarter on average (Go's own
// server gives the first-booted worker the most, about 37%, and the last
// about 11%). A single run can be skewed, as gunicorn's are (2 of 16 runs of
// real gunicorn were, not by boot order; one run of 400 requests here gave
// .120/.188/.280/.412): the claim is that boot order does not decide the
// share, so it is checked on the mean over six servers.
func TestSyncWorkersShareEvenly(t *testing.T) {
	const rounds, n = 6, 300
	mean := make([]float64, 4)
	for range rounds {
		_, base := serve(t, Config{Worker: opts(4, "local", 10, "")})
		for k := range n {
			do(t, "GET", fmt.Sprintf("%s/item/%d", base, k%50), nil)
		}
		var shares []float64
		for i, w := range stats(t, base).Workers {
			shares = append(shares, float64(w.Requests)/n)
			mean[i] += float64(w.Requests) / n / rounds
		}
		t.Logf("shares by boot order: %.3f", shares)
	}
	t.Logf("mean shares by boot order over %d servers: %.3f", rounds, mean)
	for i, s := range mean {
		if s < 0.17 || s > 0.33 {
			t.Errorf("worker %d (boot order) served %.3f of the requests on average over %d servers; want 0.25 within 0.08", i, s, rounds)
		}
	}
}

// /stats config is the engine's model of this server: its threads, its
// origin's delay (cost-origin), and its worker class's balancer.
func TestStatsConfigIsTheServer(t *testing.T) {
	for _, tc := range []struct{ class, balancer string }{
		{worker.AcceptSync, "accept"},
		{worker.AcceptGo, "accept-bootorder"},
	} {
		o := opts(1, "local", 10, "")
		o.WorkerClass, o.Settings.Balancer, o.Settings.Cost.Origin = tc.class, "roundrobin", 1500
		if tc.class == worker.AcceptSync {
			o.Settings.Threads = 3
		}
		_, base := serve(t, Config{Worker: o})
		st := stats(t, base)
		c, err := sim.ParseQuery(st.Config)
		if err != nil {
			t.Fatal(err)
		}
		if c.Threads != o.Settings.Threads || c.Cost.Origin != 1500 || c.Balancer != tc.balancer || st.Settings.OriginDelayMicros != 1500 {
			t.Errorf("%s workers: /stats config threads %d, cost-origin %d, balancer %s, Settings.OriginDelayMicros %d; want %d, 1500, %s, 1500",
				tc.class, c.Threads, c.Cost.Origin, c.Balancer, st.Settings.OriginDelayMicros, o.Settings.Threads, tc.balancer)
		}
	}
}
