package load

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteTable prints the comparison side by side.
func WriteTable(w io.Writer, r Result) {
	s := r.Server
	fmt.Fprintf(w, "server %s: %d workers, mode %s", r.Target, s.Workers, s.Mode)
	if s.Mode != "shared" {
		fmt.Fprintf(w, ", local LRU caches of %d", s.Cache)
	}
	if s.Shared != "" {
		fmt.Fprintf(w, ", Memcached at %s", s.Shared)
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
	fmt.Fprintf(w, "%d requests in %v, a new connection each\n\n", r.Measured.Requests, r.Elapsed.Round(time.Millisecond))

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
	for i := range m.PerWorker {
		var b int64
		if i < len(p.PerWorker) {
			b = p.PerWorker[i]
		}
		row(fmt.Sprintf("worker %d requests", i), m.PerWorker[i], b)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nrequests per worker, largest share: measured %.1f%%, predicted %.1f%%\n", 100*maxShare(m), 100*maxShare(p))
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note: "+n)
	}
	fmt.Fprintln(w, strings.TrimSpace(`
The engine picks a worker per request with its own random stream ("accept");
the real kernel hands each new connection to whichever worker process wins
the accept, so the split between workers, and with it the per-worker caches,
differ run to run.`))
}

func maxShare(m Measure) float64 {
	var max, sum int64
	for _, n := range m.PerWorker {
		sum += n
		if n > max {
			max = n
		}
	}
	if sum == 0 {
		return 0
	}
	return float64(max) / float64(sum)
}
