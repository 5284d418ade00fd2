package gunicorn

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/load"
	"github.com/cachepit/cachepit/sim"
)

// recycleQuery is the server of the recycling check: 4 sync workers, each
// replaced after exactly 50 requests (no jitter), with the app's default
// 5 ms origin.
const recycleQuery = "workers=4&cache=100&max-requests=50&max-requests-jitter=0"

// lifecycle is the part of the reference app's /stats about replacements.
type lifecycle struct {
	Total struct {
		Requests, Degraded, Recycles int64
	}
	Replacements []struct {
		Slot                      int
		RespawnMicros, BootMicros int64
	}
	FirstBootMicros []int64
}

func (l lifecycle) means() (respawn, boot int64) {
	var n, nb int64
	for _, r := range l.Replacements {
		respawn += r.RespawnMicros
		n++
		if r.BootMicros > 0 {
			boot += r.BootMicros
			nb++
		}
	}
	if n > 0 {
		respawn /= n
	}
	if nb > 0 {
		boot /= nb
	}
	return respawn, boot
}

func lifecycleOf(t *testing.T, s *Server) lifecycle {
	t.Helper()
	var l lifecycle
	get(t, http.MethodGet, s.URL+"/stats", &l)
	return l
}

// engine runs c and returns its run time (µs, from the first arrival to
// the last answer), its recycles, and how many requests it answered while
// fewer than all workers accepted. A worker that stops after the request it answers
// (max-requests) counts as up for that request: the app counts it before
// it answers.
func engine(t *testing.T, c sim.Config) (elapsed, recycles, degraded int64) {
	t.Helper()
	s, err := sim.New(c)
	if err != nil {
		t.Fatal(err)
	}
	s.Run(c.Warmup)
	for range c.Requests {
		ev := s.Step()
		for _, w := range s.Stats().Workers {
			if !w.Up && !(ev.Recycled && w.ID == ev.Worker) {
				degraded++
				break
			}
		}
	}
	st := s.Stats()
	return st.Elapsed, st.Total.Recycles, degraded
}

// waitedMicros is a response time that can only mean the request waited for
// a worker to boot: the app's own requests take a few ms, boots hundreds.
const waitedMicros = 50_000

// quickMean is the mean response time of the requests that did not wait for
// a boot (under waitedMicros), and how many they are, in times or, with
// times nil, in the engine's run of c.
func quickMean(t *testing.T, c sim.Config, times []int32) (float64, int) {
	t.Helper()
	if times == nil {
		s, err := sim.New(c)
		if err != nil {
			t.Fatal(err)
		}
		s.Run(c.Warmup)
		for range c.Requests {
			times = append(times, int32(s.Step().Latency))
		}
	}
	sum, n := 0.0, 0
	for _, v := range times {
		if v < waitedMicros {
			sum += float64(v)
			n++
		}
	}
	return sum / float64(max(n, 1)), n
}

// Recycling is not instant, and the engine says how long it takes: real
// gunicorn, 4 sync workers each replaced after exactly 50 requests, one
// client, 1,000 requests, without and with --preload. The app's /stats
// times every replacement: its respawn, from the old worker's last request
// to the fork (Python's teardown of the old process, the master's reaping
// on SIGCHLD, spawn_workers), and its boot, from the fork to accepting
// (importing Flask; with --preload only the fork). Both are CPU work that
// stretches with the machine's load (on the 2-core machine of
// real/README.md, 0.2 to 15 s each, from one run to the next and within
// one), so no constant fits every run: the engine is given this run's mean
// respawn and boot, and the app's own work per request (the mean time of
// the requests that did not wait for a boot, less the engine's), and must
// then predict how those delays add up over 20 replacements: the run's wall
// time, and the fraction of requests served while fewer than 4 workers were
// up. Instant recycling, the engine's model before respawn and boot,
// predicts about 4 s and none.
//
// Tolerances, from the runs in real/README.md: with the app's work taken
// from the p50s the engine's wall time was 4% to 26% short of gunicorn's
// (23 runs, load average 17 to 30); from the quick requests' means, 9% short
// to 1% over without --preload and 14% short to 0% with it (5 runs each,
// load 6.6 to 9.7), the rest being the time spent waiting for a boot, which
// the engine's replacements, all taking the mean, leave short; hence within
// 35%. The fraction depends on how evenly the kernel spreads the
// connections, which no engine balancer pins down: uniform accept predicts
// .47 to .78; round robin, which passes over a booting worker, .13 to .14
// without --preload and .25 to .39 with it; gunicorn gave .34 to .78
// unpinned and .27 to .51 pinned to one CPU, so the check is that it lies
// between the two, give or take 0.1 (instant recycling would put both at
// 0). A miss is logged and run once more on a fresh server.
func TestRecyclingTakesTime(t *testing.T) {
	need(t)
	for _, preload := range []bool{false, true} {
		t.Run(fmt.Sprintf("preload=%v", preload), func(t *testing.T) {
			var misses []string
			for run := 1; run <= 2; run++ {
				if misses = recycling(t, preload); len(misses) == 0 {
					return
				}
				t.Logf("run %d missed: %s", run, strings.Join(misses, "; "))
			}
			for _, m := range misses {
				t.Error(m)
			}
		})
	}
}

func recycling(t *testing.T, preload bool) []string {
	q := recycleQuery
	if preload {
		q += "&preload=true"
	}
	s := start(t, q)
	c := sim.Default()
	c.Requests = 1000
	// A request can wait for seconds with every worker replaced at once.
	r, err := load.Run(context.Background(), load.Options{Target: s.URL, Config: c, PerRequest: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	l := lifecycleOf(t, s)
	s.Stop()
	if l.Total.Requests != int64(c.Requests) {
		t.Fatalf("/stats counted %d requests; want %d: /stats itself must not count", l.Total.Requests, c.Requests)
	}
	m := r.Measured
	e := r.Config // the engine's model of the server, as cachepit load built it
	if e.Preload != preload {
		t.Fatalf("/stats config %q: preload %v; want %v", r.Query, e.Preload, preload)
	}
	e.Respawn, e.Boot = l.means()
	// The app's own work per request: what the requests that did not wait
	// for a boot took on average, less what the engine's took without it.
	// (The p50s' difference, used before, left the engine 1.6 to 1.8 s short
	// on those requests without --preload: on a loaded machine their times
	// are skewed, and slowest while workers import the app.)
	e.Cost.CPU = 0
	engineQuick, _ := quickMean(t, e, nil)
	realQuick, realQuickN := quickMean(t, e, r.Times)
	e.Cost.CPU = max(int(math.Round(realQuick-engineQuick)), 0)
	elapsed, recycles, degraded := engine(t, e)
	predQuick, predQuickN := quickMean(t, e, nil)
	byP50 := e
	byP50.Cost.CPU = max(m.Latency.P50-r.Predicted.Latency.P50, 0)
	elapsedP50, _, _ := engine(t, byP50)
	md := float64(l.Total.Degraded) / float64(l.Total.Requests)
	pd := float64(degraded) / float64(e.Requests)
	rr := e
	rr.Balancer = "roundrobin"
	_, _, rrDegraded := engine(t, rr)
	pr := float64(rrDegraded) / float64(e.Requests)
	lo, hi := min(pd, pr)-0.1, max(pd, pr)+0.1
	var each []string
	for _, x := range l.Replacements {
		each = append(each, fmt.Sprintf("%.2f+%.2f", float64(x.RespawnMicros)/1e6, float64(x.BootMicros)/1e6))
	}
	t.Logf("cpu %d µs, respawn %d µs, boot %d µs (first boots %v µs); each replacement's respawn+boot, s: %s",
		e.Cost.CPU, e.Respawn, e.Boot, l.FirstBootMicros, strings.Join(each, " "))
	t.Logf("measured / predicted: recycles %d / %d; wall %.2f s / %.2f s (instant recycling: %.2f s; cpu from the p50s, %d µs: %.2f s); served while fewer than 4 up %.3f / %.3f (roundrobin %.3f)",
		m.Recycles, recycles, float64(m.Duration)/1e6, float64(elapsed)/1e6, float64(r.Predicted.Duration)/1e6, byP50.Cost.CPU, float64(elapsedP50)/1e6, md, pd, pr)
	t.Logf("measured / predicted: %d / %d requests under %d ms, %.2f s / %.2f s; the rest, waiting for a boot, %.2f s / %.2f s; p50 %d / %d µs",
		realQuickN, predQuickN, waitedMicros/1000, realQuick*float64(realQuickN)/1e6, predQuick*float64(predQuickN)/1e6,
		float64(m.Duration)/1e6-realQuick*float64(realQuickN)/1e6, float64(elapsed)/1e6-predQuick*float64(predQuickN)/1e6, m.Latency.P50, r.Predicted.Latency.P50+e.Cost.CPU)
	var misses []string
	// Each of the 4 workers running at the end, in either, may be short of
	// its 50 requests (the engine's without preload end fresh, all four
	// stopped at request 1,000): the counts may differ by up to 4.
	if d := recycles - m.Recycles; d < -4 || d > 4 || len(l.Replacements) < int(m.Recycles)-4 {
		misses = append(misses, fmt.Sprintf("recycles: measured %d (%d replacements timed), predicted %d; want within 4", m.Recycles, len(l.Replacements), recycles))
	}
	if d := math.Abs(float64(elapsed)/float64(m.Duration) - 1); d > 0.35 {
		misses = append(misses, fmt.Sprintf("wall time: measured %.2f s, predicted %.2f s; want within 35%%", float64(m.Duration)/1e6, float64(elapsed)/1e6))
	}
	if md < lo || md > hi {
		misses = append(misses, fmt.Sprintf("served while fewer than 4 workers were up: measured %.3f, predicted %.3f (accept) and %.3f (roundrobin); want between them, give or take 0.1", md, pd, pr))
	}
	return misses
}
