package sim

import (
	"fmt"
	"math"
	"testing"
)

// One worker, every request a local hit of fixed cost (1,000 µs of cpu),
// Poisson arrivals at 800/s: an M/D/1 queue at utilization 0.8, whose mean
// response time is, by Pollaczek-Khinchine, S + ρS/(2(1-ρ)) = 1 + 2 = 3 ms.
func TestPollaczekKhinchine(t *testing.T) {
	const q = "workers=1&keys=1&cache=1&writes=0&arrivals=poisson&rate=800&cpu=1000&cost-local=0&warmup=1000"
	s := newTest(t, q)
	s.Run(1000 + 1_000_000)
	st := s.Stats()
	const rho, service = 0.8, 1000.0
	want := service + rho*service/(2*(1-rho))
	if got := st.Latency.Mean; math.Abs(got-want) > 0.02*want {
		t.Errorf("M/D/1 at 0.8: mean response %.0f µs over %d requests; Pollaczek-Khinchine says %.0f", got, st.Counted, want)
	}
	if got := st.Total.Utilization; math.Abs(got-rho) > 0.01*rho {
		t.Errorf("M/D/1 at 0.8: utilization %.4f", got)
	}
}

// Several workers: each one's utilization is the arrival rate times the mean
// service time over the number of workers (the balancer spreads the load
// evenly on average), within 1%.
func TestUtilizationLaw(t *testing.T) {
	for _, q := range []string{
		"workers=8&arrivals=poisson&rate=1200&cpu=500",
		"workers=4&threads=2&arrivals=poisson&rate=800&cpu=1000&mode=shared",
		"workers=16&arrivals=poisson&rate=3000&cpu=300&balancer=leastconn&mode=tiered",
	} {
		s := newTest(t, q+"&warmup=10000")
		s.Run(10_000 + 300_000)
		st := s.Stats()
		c := s.Config()
		service := float64(st.Total.BusyMicros) / float64(st.Total.Requests) / 1e6
		want := c.Rate * service / float64(c.Workers*c.Threads)
		if got := st.Total.Utilization; math.Abs(got-want) > 0.01*want {
			t.Errorf("%s: utilization %.4f; rate × mean service / threads = %.4f", q, got, want)
		}
	}
}

// Every setting of time is a Field: a flag and a URL parameter with the
// same name and range, and a one-line error naming it.
func TestTimeFields(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"arrivals=open", `arrivals must be one of closed, poisson, got "open"`},
		{"clients=0", "clients must be between 1 and 100000, got 0"},
		{"think=5", `think must be a duration such as 500us, 20ms or 1.5s, got "5"`},
		{"rate=0", "rate must be in (0, 1e+08], got 0"},
		{"threads=0", "threads must be between 1 and 1024, got 0"},
		{"cpu=-1", "cpu must be between 0 and 10000000, got -1"},
		{"backlog=-1", "backlog must be between 0 and 1000000, got -1"},
		{"origin-conns=x", `origin-conns must be a whole number from 0 to 100000, got "x"`},
		{"boot=11m", "boot must be between 0 and 10m, got 11m"},
		{"timeout=2h", "timeout must be between 0 and 1h, got 2h"},
		{"deploy-at=-5", "deploy-at must be between 0 and 1000000000, got -5"},
		{"rolling=sometimes", `rolling must be true or false, got "sometimes"`},
		{"coalesce=all", `coalesce must be one of none, worker, shared, got "all"`},
		{"ttl=500", `ttl is now a duration such as 30s or 500ms, not a count of requests, got "500"`},
	} {
		c, err := ParseQuery(tc.q)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v; want %q", tc.q, err, tc.want)
		}
		if c != Default() {
			t.Errorf("%s: a bad value did not keep the default", tc.q)
		}
	}
	c := Default()
	c.Arrivals, c.Clients, c.Think, c.Rate, c.Threads, c.Cost.CPU, c.Backlog = "poisson", 7, 1500, 250.5, 4, 900, 10
	c.OriginConns, c.Boot, c.Timeout, c.DeployAt, c.Rolling, c.Coalesce, c.TTL, c.Mode = 3, 300_000, 30e6, 5000, true, "shared", 30e6, "tiered"
	back, err := ParseQuery(c.Query())
	if err != nil || back != c {
		t.Errorf("round trip of %s: %+v, %v", c.Query(), back, err)
	}
	for _, name := range []string{"arrivals", "clients", "think", "rate", "threads", "cpu", "backlog", "origin-conns", "boot", "timeout", "deploy-at", "rolling", "coalesce"} {
		if _, ok := FieldByName(name); !ok {
			t.Errorf("no field %q", name)
		}
	}
}

func ExampleSim_Stats_queueing() {
	// one worker, a fixed 1 ms per request, 800 requests a second
	c := Default()
	c.Workers, c.Keys, c.Cache, c.Writes = 1, 1, 1, 0
	c.Arrivals, c.Rate, c.Cost.CPU, c.Cost.Local, c.Warmup = "poisson", 800, 1000, 0, 1000
	s, _ := New(c)
	s.Run(c.Warmup + 200_000)
	st := s.Stats()
	fmt.Printf("utilization %.2f, mean response %.1f ms (M/D/1: 3.0 ms), p99 %.1f ms\n",
		st.Total.Utilization, st.Latency.Mean/1000, float64(st.Latency.P99)/1000)
	// Output:
	// utilization 0.80, mean response 3.0 ms (M/D/1: 3.0 ms), p99 11.3 ms
}
