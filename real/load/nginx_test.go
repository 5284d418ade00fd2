package load

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/real/internal/nginxd"
	"github.com/cachepit/cachepit/real/internal/realtest"
	"github.com/cachepit/cachepit/sim"
)

// throughNginx starts 3 cachepit real hosts of 2 workers with local caches of
// 50 at 127.0.0.1:8001.. (with oneDB, hosts 1 and 2 use host 0's database),
// nginx in front with balancer, and runs n requests through nginx with the
// hosts' /stats read directly.
func throughNginx(t *testing.T, balancer string, oneDB bool, n int) Result {
	t.Helper()
	return throughNginxLoaded(t, balancer, oneDB, n, 1, 0)
}

// throughNginxLoaded is throughNginx with clients closed-loop clients and an
// origin read or write taking delay µs.
func throughNginxLoaded(t *testing.T, balancer string, oneDB bool, n, clients, delay int) Result {
	t.Helper()
	o := realtest.Options(2, "local", 50, "")
	o.Settings.Cost.Origin = delay
	backends := realtest.Hosts(t, 3, o, oneDB)
	base := nginxd.Start(t, backends, balancer)
	c := sim.Default()
	c.Requests, c.Writes = n, 0.02
	r, err := Run(context.Background(), Options{Target: base, Config: c, Backends: backends, HostBalancer: balancer, Clients: clients})
	if err != nil {
		t.Fatal(err)
	}
	m, p := r.Measured, r.Predicted
	t.Logf("%s: hit ratio %.4f measured, %.4f predicted; stale %d, %d; routing %+v", balancer, m.HitRatio, p.HitRatio, m.Stale, p.Stale, *r.Routing)
	for i := range m.Hosts {
		t.Logf("host %d: %+v measured, %+v predicted", i, m.Hosts[i], p.Hosts[i])
	}
	// With several clients the engine's last few requests to end are not
	// the real run's, so reads and writes match only with one.
	same := clients > 1 || m.Reads == p.Reads && m.OriginWrites == p.OriginWrites
	if m.Requests != int64(n) || !same || len(m.Hosts) != 3 || len(p.Hosts) != 3 {
		t.Fatalf("%d requests, reads %d/%d, writes %d/%d, %d/%d hosts measured/predicted; want %d, the same stream and 3 hosts",
			m.Requests, m.Reads, p.Reads, m.OriginWrites, p.OriginWrites, len(m.Hosts), len(p.Hosts), n)
	}
	return r
}

// Behind nginx's `hash $request_uri consistent;` every request reaches the
// host the engine's keyhash ring picks, so each host's requests and reads
// are predicted exactly. Within a host the kernel's accept race picks the
// worker, not the engine's stream, so hit ratios agree only within a
// tolerance: over 10 runs (3 hosts x 2 workers, caches of 50, 1,500
// requests) the total was at most 0.011 off and a host's at most 0.020; the
// test allows 0.03 and 0.05.
func TestNginxKeyHashPredictsHosts(t *testing.T) {
	r := throughNginx(t, "keyhash", false, 1500)
	m, p := r.Measured, r.Predicted
	if r.Routing.OnRing != m.Requests || r.Routing.Named != m.Requests {
		t.Errorf("%d of %d requests on the host nginx's ring picks (%d from a backend); want all", r.Routing.OnRing, m.Requests, r.Routing.Named)
	}
	if d := math.Abs(m.HitRatio - p.HitRatio); d > 0.03 {
		t.Errorf("hit ratio: measured %.4f, predicted %.4f; want within 0.03", m.HitRatio, p.HitRatio)
	}
	for i, h := range m.Hosts {
		q := p.Hosts[i]
		if h.Requests != q.Requests || h.Reads != q.Reads {
			t.Errorf("host %d: %d requests, %d reads; predicted %d, %d: want exactly", i, h.Requests, h.Reads, q.Requests, q.Reads)
		}
		if d := math.Abs(h.HitRatio - q.HitRatio); d > 0.05 {
			t.Errorf("host %d: hit ratio measured %.4f, predicted %.4f; want within 0.05", i, h.HitRatio, q.HitRatio)
		}
	}
}

// Round robin through one nginx worker process with one client: the hosts
// take turns, request by request, as the engine's round robin does, so each
// host's requests are predicted exactly. Each host sees every key, and the
// hit ratio was at most 0.021 off in 20 runs; the test allows 0.04. Hosts 1
// and 2 use host 0's database (cachepit real --origin), so a write on one
// host makes the copies on the others stale, as in the engine: in 10 runs
// stale reads were 164 to 182 against 169 predicted; the test allows 20%.
func TestNginxRoundRobinTakesTurns(t *testing.T) {
	r := throughNginx(t, "roundrobin", true, 1500)
	m, p := r.Measured, r.Predicted
	takesTurns(t, r)
	if d := math.Abs(m.HitRatio - p.HitRatio); d > 0.04 {
		t.Errorf("hit ratio: measured %.4f, predicted %.4f; want within 0.04", m.HitRatio, p.HitRatio)
	}
	if d := math.Abs(float64(m.Stale - p.Stale)); d > 0.2*float64(p.Stale) || p.Stale == 0 {
		t.Errorf("stale reads: measured %d, predicted %d; want within 20%%", m.Stale, p.Stale)
	}
	if m.OriginReads != m.Reads-m.Hits {
		t.Errorf("origin reads %d, counted where the one database lives; want every host's misses, %d", m.OriginReads, m.Reads-m.Hits)
	}
	for _, n := range r.Notes {
		if strings.Contains(n, "do not share one database") {
			t.Errorf("note %q; want none: the hosts share one database", n)
		}
	}
}

// least_conn through one nginx worker process with one client: every host
// holds nothing when the next request comes, and nginx breaks the tie by its
// weighted round robin from host 0, as the engine's leastconn does, so each
// host's requests are predicted exactly. 1,501 requests, so that the host
// that takes the extra one shows where the turns start.
func TestNginxLeastConnTakesTurns(t *testing.T) {
	r := throughNginx(t, "leastconn", true, 1501)
	takesTurns(t, r)
}

// takesTurns checks that every request went to the host after the previous
// one's and that each host's requests are the engine's prediction.
func takesTurns(t *testing.T, r Result) {
	t.Helper()
	m, p := r.Measured, r.Predicted
	if r.Routing.InTurn != m.Requests-1 {
		t.Errorf("%d of %d requests on the host after the previous one's; want all", r.Routing.InTurn, m.Requests-1)
	}
	for i, h := range m.Hosts {
		if h.Requests != p.Hosts[i].Requests {
			t.Errorf("host %d: %d requests; predicted %d", i, h.Requests, p.Hosts[i].Requests)
		}
	}
}

// least_conn with 8 clients: which host holds fewest depends on timing, so
// only the shares compare, and they agree when every host reaches the one
// database alike. Served through host 0's own workers (one request at a
// time), every request of hosts 1 and 2 waited for one of them, and host 0
// took about .40 of 2,000 requests against .336 predicted; with the database
// served by host 0's master (--origin-addr), five runs gave .344 to .358,
// .324 to .333 and .317 to .325 against .336/.342/.323 (load 2.5 to 11 on
// two cores). The test allows 0.04. It times the hosts' masters, which run
// in the test binary: under the race detector their HTTP hops, which only
// hosts 1 and 2 take, slow several-fold (host 0 took .397 against .328), so
// it skips there, and make test-go runs it once more without -race.
func TestNginxLeastConnShares(t *testing.T) {
	if raceDetector {
		t.Skip("timing through the masters in this binary, slowed several-fold by the race detector: run without -race (make test-go does)")
	}
	r := throughNginxLoaded(t, "leastconn", true, 2000, 8, 5000)
	m, p := r.Measured, r.Predicted
	for i, h := range m.Hosts {
		got, want := float64(h.Requests)/float64(m.Requests), float64(p.Hosts[i].Requests)/float64(p.Requests)
		t.Logf("host %d: share %.3f measured, %.3f predicted", i, got, want)
		if math.Abs(got-want) > 0.04 {
			t.Errorf("host %d: share %.3f measured, %.3f predicted; want within 0.04", i, got, want)
		}
	}
}
