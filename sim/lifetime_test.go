package sim

import "testing"

func downCount(s *Sim) int {
	n := 0
	for i := range s.workers {
		if s.workers[i].down {
			n++
		}
	}
	return n
}

// A replacement takes its boot time before it accepts; with preload only a
// fork's 5 ms.
func TestBootTime(t *testing.T) {
	for _, tc := range []struct {
		q    string
		boot int64
	}{
		{"workers=2&boot=100ms", 100_000},
		{"workers=2&boot=100ms&preload=true", 5_000},
	} {
		s := newTest(t, tc.q)
		s.Run(100)
		at := s.Now()
		s.Restart(0)
		for s.Now() < at+tc.boot {
			if ev := s.Step(); ev.Worker == 0 && ev.Seq > 100 && s.Now()-int64(ev.Latency) < at+tc.boot {
				t.Fatalf("%s: worker 0 took request %d at %d µs, during its boot (ready at %d)", tc.q, ev.Seq, s.Now()-int64(ev.Latency), at+tc.boot)
			}
		}
		s.Run(200)
		if st := s.Stats().Workers[0]; st.Generation != 1 || st.Requests == 0 {
			t.Errorf("%s: worker 0 after its boot: %+v", tc.q, st)
		}
	}
}

// Recycling with a slow boot leaves fewer workers up for much of the run,
// as measured with gunicorn and Flask (--max-requests 50, 4 workers: 63-86%
// of 1,000 requests served while fewer than 4 were up).
func TestRecyclingWithBootSlowsTheRun(t *testing.T) {
	fast := newTest(t, "workers=4&max-requests=50&cpu=1000")
	slow := newTest(t, "workers=4&max-requests=50&cpu=1000&boot=300ms")
	fast.Run(1000)
	short := 0
	for range 1000 {
		slow.Step()
		if downCount(slow) > 0 {
			short++
		}
	}
	if slow.Now() <= fast.Now() || short < 500 {
		t.Errorf("1000 requests took %d µs with 300 ms boots against %d without; %d answered while a worker was down", slow.Now(), fast.Now(), short)
	}
}

// A request that runs past the timeout gets its worker killed: every request
// on it is answered with an error and its cache is lost.
func TestTimeoutKills(t *testing.T) {
	s := newTest(t, "workers=2&threads=2&clients=4&cost-origin=30000&timeout=20ms&boot=10ms&keys=100")
	killed := 0
	for range 2000 {
		if ev := s.Step(); ev.Killed {
			killed++
			if ev.Latency-ev.Wait > 20_000 {
				t.Fatalf("killed after %d µs of service; want at most the 20 ms timeout", ev.Latency-ev.Wait)
			}
		}
		checkCapacity(t, s)
	}
	st := s.Stats().Total
	if st.Timeouts == 0 || st.Killed < st.Timeouts || int64(killed) != st.Killed || int64(st.Generation) < st.Timeouts {
		t.Errorf("timeouts %d, killed %d (events %d), generations %d", st.Timeouts, st.Killed, killed, st.Generation)
	}
	if s.pool.active != 0 && s.pool.active > 4 {
		t.Errorf("%d origin connections held", s.pool.active)
	}
}

// A deploy empties every cache at once and, when the replacements are up
// (50 ms), the database sees a fetch from every worker at once; a rolling
// one keeps all but one worker up, and in the same time at most two cold.
func TestDeploy(t *testing.T) {
	peak := func(rolling bool) (int, int) {
		s := newTest(t, "workers=8&clients=16&cache=200&keys=200&dist=uniform&writes=0&boot=50ms&cpu=100")
		s.Run(50_000)
		s.RestartAll(rolling)
		most, fetches, end := 0, 0, s.Now()+1_000_000
		for s.Now() < end {
			s.Step()
			most = max(most, downCount(s))
			if s.Now() < end-1_000_000+120_000 {
				fetches = max(fetches, s.pool.active)
			}
			checkCapacity(t, s)
		}
		if g := s.Stats().Workers[7].Generation; g != 1 {
			t.Errorf("rolling %v: worker 7 generation %d after the deploy", rolling, g)
		}
		return fetches, most
	}
	allPeak, allDown := peak(false)
	rollPeak, rollDown := peak(true)
	if allDown != 8 || rollDown != 1 {
		t.Errorf("workers down at once: %d all at once, %d rolling; want 8 and 1", allDown, rollDown)
	}
	if allPeak < 6 || rollPeak > 2 {
		t.Errorf("origin peak after the deploy: %d all at once, %d rolling; want 6 or more (every worker cold at once) and at most 2 in the first 120 ms", allPeak, rollPeak)
	}
	s := newTest(t, "workers=3&deploy-at=100")
	s.Run(101)
	for _, w := range s.Stats().Workers {
		if w.Generation != 1 {
			t.Errorf("deploy-at=100: worker %d generation %d", w.ID, w.Generation)
		}
	}
}
