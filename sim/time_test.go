package sim

import "testing"

// With one closed client and no think time each request arrives as the
// previous one is answered: the clock is the sum of the service times.
func TestOneClientIsSequential(t *testing.T) {
	s := newTest(t, "workers=3&cpu=100")
	var sum int64
	for i := int64(1); i <= 2000; i++ {
		ev := s.Step()
		if ev.Seq != i {
			t.Fatalf("request %d answered as number %d", i, ev.Seq)
		}
		sum += int64(ev.Latency)
		if s.Now() != sum {
			t.Fatalf("after %d requests the clock is %d µs; want the sum of service times %d", i, s.Now(), sum)
		}
	}
}

// Think time is added between an answer and the client's next request.
func TestThinkTime(t *testing.T) {
	s := newTest(t, "think=2ms&cost-local=0&cost-shared=0&cost-origin=0")
	s.Run(10)
	if got, want := s.Now(), int64(9*2000); got != want {
		t.Errorf("10 free requests with 2ms think: clock %d µs; want %d", got, want)
	}
}

// Requests in flight never exceed what the workers and sockets can hold.
func checkCapacity(t *testing.T, s *Sim) {
	t.Helper()
	held := 0
	for hi := range s.hosts {
		h := &s.hosts[hi]
		if h.inflight < 0 {
			t.Fatalf("host %d holds %d requests", hi, h.inflight)
		}
		held += h.inflight
		free := 0
		for i := h.first; i < h.first+s.cfg.Workers; i++ {
			w := &s.workers[i]
			if w.busy < 0 || w.busy > s.threads || w.queued.len() > s.cfg.Backlog {
				t.Fatalf("worker %d: %d busy threads of %d, %d queued of %d", i, w.busy, s.threads, w.queued.len(), s.cfg.Backlog)
			}
			if s.accepting(w) {
				free++
			}
		}
		if free != h.free {
			t.Fatalf("host %d: %d workers have a free thread; the engine counts %d", hi, free, h.free)
		}
		if h.listen.len() > s.cfg.Backlog || (h.listen.len() > 0 && h.free > 0) {
			t.Fatalf("host %d: shared backlog %d (of %d) while %d workers are free", hi, h.listen.len(), s.cfg.Backlog, h.free)
		}
	}
	if o := &s.pool; o.active < 0 || (o.conns > 0 && o.active > o.conns) || (o.waiting.len() > 0 && o.active < o.conns) {
		t.Fatalf("origin: %d connections in use of %d, %d waiting", o.active, o.conns, o.waiting.len())
	}
	if inFlight := len(s.reqs.reqs) - len(s.reqs.free); held != inFlight {
		t.Fatalf("the hosts hold %d requests; %d are in flight", held, inFlight)
	}
}

// leastconn and the accept race never leave a connection waiting while a
// worker has a free thread; with as many clients as threads, nothing waits.
func TestNoWaitWhileAThreadIsFree(t *testing.T) {
	for _, q := range []string{
		"workers=4&clients=4&balancer=leastconn&cpu=300",
		"workers=4&clients=4&balancer=accept&cpu=300",
		"workers=2&threads=2&clients=4&balancer=accept-bootorder&cpu=300",
		"workers=4&clients=3&balancer=leastconn&threads=1&writes=0.3",
	} {
		s := newTest(t, q)
		for range 20_000 {
			s.Step()
			checkCapacity(t, s)
			for i := range s.workers {
				if s.workers[i].queued.len() > 0 || s.hostOf(i).listen.len() > 0 {
					t.Fatalf("%s: a connection waits while threads are free", q)
				}
			}
		}
	}
}

// More clients than the backlog and the threads can hold: the rest are
// refused, and the socket never holds more than its backlog.
func TestBacklogRefuses(t *testing.T) {
	for _, q := range []string{
		"workers=2&clients=50&backlog=5&cpu=1000",
		"workers=2&clients=50&backlog=5&cpu=1000&balancer=roundrobin",
		"workers=2&arrivals=poisson&rate=5000&backlog=3&cpu=1000&threads=2",
	} {
		s := newTest(t, q)
		for range 5000 {
			s.Step()
			checkCapacity(t, s)
		}
		if s.refused == 0 {
			t.Errorf("%s: no connection refused", q)
		}
	}
	if s := newTest(t, "workers=2&clients=6&backlog=4"); func() int64 { s.Run(5000); return s.refused }() != 0 {
		t.Error("6 clients, 2 threads, backlog 4: a connection was refused")
	}
}

// Threads of one worker serve requests at once and share its one cache.
func TestThreadsShareOneCache(t *testing.T) {
	s := newTest(t, "workers=1&threads=4&clients=4&cpu=1000&keys=50&writes=0")
	most := int32(0)
	for range 5000 {
		s.Step()
		most = max(most, s.workers[0].busy)
	}
	st := s.Stats()
	if most < 3 || st.Workers[0].Maxsize != 100 || st.Memory.Entries != st.Memory.Distinct {
		t.Errorf("at most %d threads busy, maxsize %d, memory %+v; want 4 threads over one cache", most, st.Workers[0].Maxsize, st.Memory)
	}
}

// An open stream arrives at its rate whatever the server does.
func TestPoissonRate(t *testing.T) {
	s := newTest(t, "arrivals=poisson&rate=2500&workers=4&cpu=500")
	s.Run(200_000)
	got := float64(s.arrived) / (float64(s.Now()) / 1e6)
	if got < 2500*0.99 || got > 2500*1.01 {
		t.Errorf("poisson at 2500/s: %.0f arrivals per simulated second", got)
	}
}

func TestDurations(t *testing.T) {
	for _, tc := range []struct {
		in   string
		us   int64
		back string
	}{
		{"0", 0, "0"}, {"250us", 250, "250us"}, {"250µs", 250, "250us"}, {"20ms", 20_000, "20ms"},
		{"1.5s", 1_500_000, "1500ms"}, {"30s", 30_000_000, "30s"}, {"2m", 120_000_000, "2m"}, {"90m", 5400e6, "90m"}, {"1h", 3600e6, "1h"},
	} {
		got, err := ParseDuration(tc.in)
		if err != nil || got != tc.us || FormatDuration(got) != tc.back {
			t.Errorf("ParseDuration(%q) = %d, %v, formatted %q; want %d, %q", tc.in, got, err, FormatDuration(got), tc.us, tc.back)
		}
	}
	for _, bad := range []string{"", "5", "ms", "-1s", "1d", "1e999s", "NaNs", "3mss"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q): no error", bad)
		}
	}
}

// Older links keep working: leastbusy is now leastconn.
func TestBalancerAlias(t *testing.T) {
	c, err := ParseQuery("balancer=leastbusy")
	if err != nil || c.Balancer != "leastconn" {
		t.Errorf("balancer=leastbusy gives %q, %v; want leastconn", c.Balancer, err)
	}
}

// Eight clients ask four workers for one key at once: the four first
// requests all miss and fetch it together (three duplicates); the four that
// waited in the backlog find it cached.
func TestDuplicateFetches(t *testing.T) {
	s := newTest(t, "workers=4&clients=8&keys=1&writes=0")
	s.Run(8)
	o := s.Stats().Origin
	if o.Reads != 4 || o.Duplicates != 3 || o.Peak != 4 {
		t.Errorf("origin %+v; want 4 reads, 3 duplicates, 4 at once", o)
	}
	s = newTest(t, "workers=4&clients=8&keys=1&writes=0&mode=shared")
	s.Run(8)
	if o := s.Stats().Origin; o.Reads != 4 || o.Duplicates != 3 {
		t.Errorf("shared cache without coalescing: origin %+v; want the same 4 reads, 3 duplicates", o)
	}
}

// A pool of origin connections caps the fetches at once; the rest wait, and
// the waiting shows in the service time.
func TestOriginConns(t *testing.T) {
	run := func(q string) (OriginStats, float64) {
		s := newTest(t, q)
		s.Run(20_000)
		st := s.Stats()
		var busy int64
		for _, w := range st.Workers {
			busy += w.BusyMicros
		}
		return st.Origin, float64(busy) / float64(st.Total.Requests)
	}
	const q = "workers=8&clients=16&threads=2&dist=uniform&keys=100000"
	free, fast := run(q)
	capped, slow := run(q + "&origin-conns=2")
	if free.Peak <= 2 || free.Waited != 0 {
		t.Errorf("unlimited: origin %+v; want more than 2 at once, none waiting", free)
	}
	if capped.Peak != 2 || capped.Waited == 0 || slow < 2*fast {
		t.Errorf("2 connections: origin %+v, mean service %.0f µs against %.0f unlimited; want 2 at most, waits, slower", capped, slow, fast)
	}
	// Little's law: the mean number of connections in use is the fetch rate
	// times the fetch time.
	if got, want := free.BusyMicros, (free.Reads+free.Writes)*5000; got < want*99/100 || got > want*101/100 {
		t.Errorf("unlimited: %d µs of connection time for %d fetches of 5000 µs", got, free.Reads+free.Writes)
	}
}

// Coalescing: threads of one worker share one fetch with coalesce=worker;
// sync workers (one thread each) gain nothing from it; a lock in the shared
// cache makes every worker share one fetch.
func TestCoalesce(t *testing.T) {
	for _, tc := range []struct {
		q                      string
		reads, dups, coalesced int64
	}{
		{"workers=1&threads=8&clients=8&keys=1&writes=0", 8, 7, 0},
		{"workers=1&threads=8&clients=8&keys=1&writes=0&coalesce=worker", 1, 0, 7},
		{"workers=4&clients=8&keys=1&writes=0&coalesce=worker", 4, 3, 0},
		{"workers=4&clients=8&keys=1&writes=0&mode=shared&coalesce=shared", 1, 0, 3},
		{"workers=4&clients=8&keys=1&writes=0&mode=tiered&coalesce=shared", 1, 0, 3},
	} {
		s := newTest(t, tc.q)
		s.Run(8)
		st := s.Stats()
		if st.Origin.Reads != tc.reads || st.Origin.Duplicates != tc.dups || st.Total.Coalesced != tc.coalesced || st.Total.Hits != 8-tc.reads {
			t.Errorf("%s: origin %+v, coalesced %d, hits %d; want %d reads, %d duplicates, %d coalesced", tc.q, st.Origin, st.Total.Coalesced, st.Total.Hits, tc.reads, tc.dups, tc.coalesced)
		}
	}
	c := Default()
	c.Coalesce = "shared"
	if _, err := New(c); err == nil || err.Error() != "coalesce shared needs a shared cache (mode shared or tiered), got mode local" {
		t.Errorf("coalesce=shared in local mode: %v", err)
	}
}

// The series shows the backlog and the refusals over time, and the stats
// their maximum and total.
func TestBacklogOverTime(t *testing.T) {
	s := newTest(t, "workers=2&clients=40&backlog=8&cpu=2000")
	s.Run(5000)
	st := s.Stats()
	most, refused := 0, int64(0)
	for _, p := range s.Series() {
		most = max(most, p.Backlog)
		refused += p.Refused
	}
	// the last window is still open: its refusals are not in the series yet
	if st.Backlog.Max != 8 || most != 8 || refused == 0 || refused > st.Refused {
		t.Errorf("backlog max %d (series %d), refused %d (series %d); want 8, and refusals in both", st.Backlog.Max, most, st.Refused, refused)
	}
	if st.Throughput <= 0 || st.Elapsed != s.Now() {
		t.Errorf("throughput %v over %d µs (now %d)", st.Throughput, st.Elapsed, s.Now())
	}
}
