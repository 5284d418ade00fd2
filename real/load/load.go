// Package load drives a running server of cachepit's protocol (cachepit real,
// the gunicorn app in real/gunicorn) with the engine's request stream and sets
// what the server counted beside what the engine predicts.
package load

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/sim"
)

// MaxRequests bounds the requests of one run, warmup included: each is a
// real round trip over a new connection.
const MaxRequests = 1_000_000

// Options describe a run. Config supplies the workload (keys, dist, alpha,
// hot-keys, hot-traffic, writes, seed, warmup, requests), the closed-loop
// clients' think time, the application's cpu and the balancer the engine
// predicts with; the server's /stats supplies every other setting.
type Options struct {
	Target       string        // the server's base URL, http://127.0.0.1:8000
	Config       sim.Config    // the workload and the balancer
	SharedSet    bool          // Config.SharedCache was chosen by the user
	BalancerSet  bool          // Config.Balancer was chosen by the user; else the server's config says
	HostCacheSet bool          // Config.HostCache was chosen by the user
	Clients      int           // closed loop: requests in flight at once; 0 means 1
	Rate         float64       // open loop: Poisson arrivals per second; 0 means closed loop
	Timeout      time.Duration // the whole run; 0 means 10 minutes
	PerRequest   time.Duration // one request; 0 means 10 s

	// Backends, when not empty, are the cachepit real hosts behind Target
	// (nginx), HOST:PORT each, as in nginx's server lines and in order; their
	// /stats give the settings and the counts, and HostBalancer is how nginx
	// picks one (roundrobin, leastconn, random or keyhash).
	Backends     []string
	HostBalancer string

	// Progress, if not nil, is told after each answer how many of the
	// warmup and counted requests have been answered; calls never overlap.
	Progress func(done, total int)
}

// Result is the comparison.
type Result struct {
	Target    string         `json:"target"`
	Server    board.Settings `json:"server"`
	Config    sim.Config     `json:"config"` // the engine's settings used for the prediction
	Query     string         `json:"query"`  // the same, as in a shareable link
	Clients   int            `json:"clients,omitempty"`
	Rate      float64        `json:"rate,omitempty"`
	Backends  []string       `json:"backends,omitempty"`
	Routing   *Routing       `json:"routing,omitempty"` // where nginx sent the counted requests
	Notes     []string       `json:"notes,omitempty"`
	Measured  Measure        `json:"measured"`
	Predicted Measure        `json:"predicted"`
	Elapsed   time.Duration  `json:"elapsed_ns"`
	Times     []int32        `json:"-"` // every counted request's response time, µs, in the order answered
}

// Run replays the workload against the server, a new connection per
// request, and predicts the same run with the engine.
func Run(ctx context.Context, o Options) (Result, error) {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Minute
	}
	if o.PerRequest <= 0 {
		o.PerRequest = 10 * time.Second
	}
	if o.Clients <= 0 {
		o.Clients = 1
	}
	r := Result{Target: strings.TrimRight(o.Target, "/"), Rate: o.Rate}
	if o.Rate == 0 {
		r.Clients = o.Clients
	}
	if err := loopback(r.Target); err != nil {
		return r, err
	}
	for _, b := range o.Backends {
		if err := loopback("http://" + b); err != nil {
			return r, fmt.Errorf("--backends %s: %w", b, err)
		}
	}
	if n := o.Config.Warmup + o.Config.Requests; n > MaxRequests {
		return r, fmt.Errorf("warmup + requests must be at most %d, got %d: each is a real round trip", MaxRequests, n)
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	conns := o.Clients
	if o.Rate > 0 {
		conns = MaxInFlight
	}
	d := newDriver(r.Target, o.PerRequest, conns)
	d.progress = o.Progress
	if len(o.Backends) > 0 {
		rt, err := newRouter(o.Backends, o.HostBalancer)
		if err != nil {
			return r, err
		}
		r.Backends, d.backends, d.route = o.Backends, o.Backends, rt
	}
	before, err := d.snapshot(ctx)
	if err != nil {
		return r, err
	}
	r.Server = before[0].Settings
	c, notes, err := engineConfig(o, before)
	if err != nil {
		return r, err
	}
	r.Config, r.Query, r.Notes = c, c.Query(), notes
	w, err := sim.NewWorkload(c)
	if err != nil {
		return r, err
	}
	think := time.Duration(c.Think) * time.Microsecond
	start := time.Now()
	if c.Warmup > 0 {
		d.done, d.total = 0, c.Warmup+c.Requests
		if _, err := d.run(ctx, w, c.Warmup, o.Clients, think, o.Rate, c.Seed); err != nil {
			return r, err
		}
		if before, err = d.snapshot(ctx); err != nil {
			return r, err
		}
	}
	if d.route != nil {
		*d.route = router{hosts: d.route.hosts, ring: d.route.ring, prev: -1} // count the counted requests only
	}
	d.done, d.total = c.Warmup, c.Warmup+c.Requests
	t, err := d.run(ctx, w, c.Requests, o.Clients, think, o.Rate, c.Seed+1)
	if err != nil {
		return r, err
	}
	after, err := d.snapshot(ctx)
	if err != nil {
		return r, err
	}
	r.Elapsed = time.Since(start)
	r.Measured = measured(before, after, t)
	r.Times = t.times
	if d.route != nil {
		r.Routing = &d.route.r
		r.Measured.Hosts = hostMeasures(perWorker(before, after), c.Workers, o.Backends)
	}
	var replaced []replacement
	for _, h := range after {
		replaced = append(replaced, h.Replacements...)
	}
	if n := replacementNote(replaced, c); n != "" {
		r.Notes = append(r.Notes, n)
	}
	if m := r.Measured; m.Requests != t.requests || m.Reads != t.reads || m.Hits != t.hits || m.Stale != t.stale {
		r.Notes = append(r.Notes, fmt.Sprintf("the server counted %d requests, %d hits, %d stale; the answers showed %d, %d, %d: another client used the server during the run",
			m.Requests, m.Hits, m.Stale, t.requests, t.hits, t.stale))
	}
	s, err := sim.New(c)
	if err != nil {
		return r, err
	}
	s.Run(c.Warmup + c.Requests)
	r.Predicted = predicted(s.Stats())
	if len(o.Backends) > 0 {
		var ws []sim.WorkerStats
		for _, h := range s.Stats().Hosts {
			ws = append(ws, h.Total)
		}
		r.Predicted.Hosts = hostMeasures(ws, 1, o.Backends)
	}
	return r, nil
}

// loopback checks that target is a server on this machine: a load generator
// sending thousands of requests is not for other people's hosts.
func loopback(target string) error {
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return fmt.Errorf("--target must look like http://127.0.0.1:8000, got %q", target)
	}
	h := u.Hostname()
	if ip := net.ParseIP(h); h != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("--target %q: cachepit load drives servers on this machine only (127.0.0.1, ::1 or localhost)", target)
	}
	return nil
}
