package report

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"
)

// WriteTable prints one row per worker, as cache_info() would answer in each,
// then the totals and what the origin and the shared cache saw.
func WriteTable(w io.Writer, r Run) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "worker\trequests\thits\tmisses\thit ratio\tcurrsize\tmaxsize\tevictions\tstale\tbusy\t")
	for _, x := range r.Workers {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%.3f\t%d\t%d\t%d\t%d\t%.0f%%\t\n", x.ID, x.Requests, x.Hits, x.Misses, x.HitRatio, x.Currsize, x.Maxsize, x.Evictions, x.Stale, 100*x.Utilization)
	}
	t := r.Total
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%.3f\t%d\t%d\t%d\t%d\t\t\n", t.Requests, t.Hits, t.Misses, t.HitRatio, sum(r.Workers, func(x Worker) int { return x.Currsize }), sum(r.Workers, func(x Worker) int { return x.Maxsize }), t.Evictions, t.Stale)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nmode %s, %d requests counted, seed %d\n", r.Mode, r.Requests, r.Seed)
	fmt.Fprintf(w, "time: %.3f s simulated, %.0f requests/s, backlog at most %d, %d refused\n", float64(r.ElapsedUS)/1e6, r.Throughput, r.Backlog.Max, r.Refused)
	fmt.Fprintf(w, "origin: %d reads, %d writes; at most %d at once (mean %.2f), %d duplicate fetches\n", r.Origin.Reads, r.Origin.Writes, r.Origin.PeakConcurrency, r.Origin.MeanConcurrency, r.Origin.DuplicateFetches)
	if t.Timeouts+t.Killed+t.Coalesced > 0 {
		fmt.Fprintf(w, "%d workers killed by the timeout, %d requests lost with them; %d reads waited for another's fetch\n", t.Timeouts, t.Killed, t.Coalesced)
	}
	if s := r.Shared; s != nil {
		fmt.Fprintf(w, "shared cache: %d hits, %d misses, %d/%d entries%s\n", s.Hits, s.Misses, s.Currsize, s.Maxsize, errors(s))
	}
	for _, h := range r.Hosts {
		fmt.Fprintf(w, "host %d: %d requests, hit ratio %.3f, %d stale", h.ID, h.Requests, h.HitRatio, h.Stale)
		if s := h.Cache; s != nil {
			fmt.Fprintf(w, "; host cache: %d hits, %d misses, %d/%d entries%s", s.Hits, s.Misses, s.Currsize, s.Maxsize, errors(s))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "memory: %d entries, %d distinct keys, %d duplicates\n", r.Memory.Entries, r.Memory.Distinct, r.Memory.Duplicates)
	fmt.Fprintf(w, "response time: p50 %dµs, p95 %dµs, p99 %dµs, mean %.0fµs\n", r.Latency.P50, r.Latency.P95, r.Latency.P99, r.Latency.Mean)
	_, err := fmt.Fprintf(w, "hit ratio %.3f; Che's approximation predicts %.3f\n", t.HitRatio, r.Predicted)
	return err
}

// errors says how many of the cache's operations failed (an outage), if any.
func errors(s *Shared) string {
	if s.Errors == 0 {
		return ""
	}
	return fmt.Sprintf("; %d errors (out: each get, set or delete failed and the request went on to the origin)", s.Errors)
}

func sum(ws []Worker, f func(Worker) int) int {
	n := 0
	for _, w := range ws {
		n += f(w)
	}
	return n
}

// WriteCompare prints two runs of the identical request stream side by side.
func WriteCompare(w io.Writer, a, b Run) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\t%s\t%s\t\n", a.Mode, b.Mode)
	row := func(name string, x, y any) { fmt.Fprintf(tw, "%s\t%v\t%v\t\n", name, x, y) }
	row("hit ratio", fmt.Sprintf("%.3f", a.Total.HitRatio), fmt.Sprintf("%.3f", b.Total.HitRatio))
	row("predicted (Che)", fmt.Sprintf("%.3f", a.Predicted), fmt.Sprintf("%.3f", b.Predicted))
	row("origin reads", a.Origin.Reads, b.Origin.Reads)
	row("stale reads", a.Total.Stale, b.Total.Stale)
	row("entries held", a.Memory.Entries, b.Memory.Entries)
	row("duplicates", a.Memory.Duplicates, b.Memory.Duplicates)
	row("distinct keys", a.Memory.Distinct, b.Memory.Distinct)
	row("origin peak", a.Origin.PeakConcurrency, b.Origin.PeakConcurrency)
	row("duplicate fetches", a.Origin.DuplicateFetches, b.Origin.DuplicateFetches)
	row("response p50 µs", a.Latency.P50, b.Latency.P50)
	row("response p99 µs", a.Latency.P99, b.Latency.P99)
	row("response mean µs", fmt.Sprintf("%.0f", a.Latency.Mean), fmt.Sprintf("%.0f", b.Latency.Mean))
	row("throughput /s", fmt.Sprintf("%.0f", a.Throughput), fmt.Sprintf("%.0f", b.Throughput))
	if err := tw.Flush(); err != nil {
		return err
	}
	if a.Origin.Reads > 0 {
		fmt.Fprintf(w, "\n%s sends %.0f%% %s reads to the origin than %s, on the identical %d requests.\n",
			b.Mode, 100*math.Abs(1-float64(b.Origin.Reads)/float64(a.Origin.Reads)), moreOrFewer(b.Origin.Reads, a.Origin.Reads), a.Mode, a.Requests)
	}
	return nil
}

func moreOrFewer(x, y int64) string {
	if x > y {
		return "more"
	}
	return "fewer"
}
