package load

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cachepit/cachepit/real/cache"
)

// WriteTable prints the comparison side by side.
func WriteTable(w io.Writer, r Result) {
	s := r.Server
	if len(r.Backends) > 0 {
		fmt.Fprintf(w, "nginx %s in front of %d hosts (%s), host balancer %s; each host: ", r.Target, len(r.Backends), strings.Join(r.Backends, ", "), r.Config.HostBalancer)
	} else {
		fmt.Fprintf(w, "server %s: ", r.Target)
	}
	fmt.Fprintf(w, "%d workers, mode %s", s.Workers, s.Mode)
	if s.Cache > 0 {
		fmt.Fprintf(w, ", local LRU caches of %d", s.Cache)
	}
	if s.Shared != "" {
		name, what := s.Shared, "shared cache"
		if a, err := cache.ParseAddr(s.Shared); err == nil {
			name = a.Name()
		}
		if r.Config.HasHost() {
			what = "host cache"
		}
		fmt.Fprintf(w, ", %s: %s", what, name)
	}
	if s.Origin != "" && len(r.Backends) == 0 {
		fmt.Fprintf(w, ", the database at %s", s.Origin)
	}
	if r.Config.Threads > 1 {
		fmt.Fprintf(w, ", %d threads each", r.Config.Threads)
	}
	if r.Config.Preload {
		fmt.Fprint(w, ", preload")
	}
	if s.MaxRequests > 0 {
		fmt.Fprintf(w, ", max-requests %d+%d", s.MaxRequests, s.MaxRequestsJitter)
	}
	fmt.Fprintf(w, ", origin delay %v\n", time.Duration(s.OriginDelayMicros)*time.Microsecond)
	c := r.Config
	dist := c.Dist
	switch c.Dist {
	case "zipf":
		dist = fmt.Sprintf("zipf %g", c.Alpha)
	case "hotset":
		dist = fmt.Sprintf("hotset (%g of keys get %g of requests)", c.HotKeys, c.HotTraffic)
	}
	fmt.Fprintf(w, "workload: %s over %d keys, %g%% writes, seed %d, warmup %d\n", dist, c.Keys, 100*c.Writes, c.Seed, c.Warmup)
	how := fmt.Sprintf("%d closed-loop client", r.Clients)
	if r.Clients != 1 {
		how += "s"
	}
	if r.Rate > 0 {
		how = fmt.Sprintf("Poisson arrivals at %g/s", r.Rate)
	}
	fmt.Fprintf(w, "%d requests in %v from %s, a new connection each; engine: balancer %s\n\n", r.Measured.Requests, r.Elapsed.Round(time.Millisecond), how, c.Balancer)

	m, p := r.Measured, r.Predicted
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tmeasured\tpredicted\tdifference\t")
	row := func(name string, a, b int64) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%+d\t\n", name, a, b, a-b)
	}
	fmt.Fprintf(tw, "hit ratio\t%.4f\t%.4f\t%+.4f\t\n", m.HitRatio, p.HitRatio, m.HitRatio-p.HitRatio)
	row("reads", m.Reads, p.Reads)
	row("local hits", m.LocalHits, p.LocalHits)
	row("shared hits", m.SharedHits, p.SharedHits)
	row("origin reads", m.OriginReads, p.OriginReads)
	row("origin writes", m.OriginWrites, p.OriginWrites)
	row("stale reads", m.Stale, p.Stale)
	row("local evictions", m.Evictions, p.Evictions)
	row("recycles", m.Recycles, p.Recycles)
	ms, ps := m.Shares(), p.Shares()
	for i := range m.PerWorker {
		var b int64
		var bs float64
		if i < len(p.PerWorker) {
			b, bs = p.PerWorker[i], ps[i]
		}
		fmt.Fprintf(tw, "worker %d requests (share)\t%d (%.3f)\t%d (%.3f)\t%+.3f\t\n", i, m.PerWorker[i], ms[i], b, bs, ms[i]-bs)
	}
	writeHosts(tw, r)
	ms2 := func(us int) string { return fmt.Sprintf("%.2f ms", float64(us)/1000) }
	fmt.Fprintf(tw, "throughput\t%.0f/s\t%.0f/s\t\t\n", m.Throughput, p.Throughput)
	fmt.Fprintf(tw, "run duration\t%s\t%s\t\t\n", ms2(int(m.Duration)), ms2(int(p.Duration)))
	fmt.Fprintf(tw, "response time p50\t%s\t%s\t\t\n", ms2(m.Latency.P50), ms2(p.Latency.P50))
	fmt.Fprintf(tw, "response time p95\t%s\t%s\t\t\n", ms2(m.Latency.P95), ms2(p.Latency.P95))
	fmt.Fprintf(tw, "response time p99\t%s\t%s\t\t\n", ms2(m.Latency.P99), ms2(p.Latency.P99))
	if m.Degraded != nil {
		// The engine does not count this time, so the row has no prediction.
		fmt.Fprintf(tw, "fewer than %d workers up (measured only)\t%s\t\t\t\n", s.Workers, ms2(int(*m.Degraded)))
	}
	tw.Flush()
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note: "+n)
	}
	fmt.Fprintln(w, strings.TrimSpace(`
The engine's times come from its clock: each request's cpu, cost-local and
cost-origin, waiting for a free worker, --clients or --rate, a recycled
worker's --respawn and --boot. Set --cpu to the application's own work per
request (HTTP, framework, database driver), --respawn to an old worker's exit
and reaping and --boot to a replacement's start-up for them to compare. Which worker wins each connection is the kernel's choice, not the
engine's random stream, so the split between workers, and with it the
caches, differ in detail.`))
}

// writeHosts adds each host's rows, and where nginx sent the requests.
func writeHosts(tw io.Writer, r Result) {
	m, p := r.Measured, r.Predicted
	for i, a := range m.Hosts {
		var b HostMeasure
		if i < len(p.Hosts) {
			b = p.Hosts[i]
		}
		share := func(x HostMeasure, of int64) float64 { return ratio(x.Requests, of) }
		fmt.Fprintf(tw, "host %d %s requests (share)\t%d (%.3f)\t%d (%.3f)\t%+.3f\t\n", i, a.Addr, a.Requests, share(a, m.Requests), b.Requests, share(b, p.Requests), share(a, m.Requests)-share(b, p.Requests))
		fmt.Fprintf(tw, "host %d hit ratio\t%.4f\t%.4f\t%+.4f\t\n", i, a.HitRatio, b.HitRatio, a.HitRatio-b.HitRatio)
		fmt.Fprintf(tw, "host %d stale reads\t%d\t%d\t%+d\t\n", i, a.Stale, b.Stale, a.Stale-b.Stale)
	}
	rt := r.Routing
	if rt == nil {
		return
	}
	if r.Config.HostBalancer == "keyhash" {
		fmt.Fprintf(tw, "on the host nginx's ring picks\t%d of %d\t%d of %d\t\t\n", rt.OnRing, m.Requests, m.Requests, m.Requests)
	} else if r.Clients == 1 && r.Config.HostBalancer != "random" {
		fmt.Fprintf(tw, "on the host after the previous one's\t%d of %d\t%d of %d\t\t\n", rt.InTurn, max(m.Requests-1, 0), max(m.Requests-1, 0), max(m.Requests-1, 0))
	}
	if rt.Named != m.Requests {
		fmt.Fprintf(tw, "answers from none of --backends\t%d\t0\t\t\n", m.Requests-rt.Named)
	}
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
