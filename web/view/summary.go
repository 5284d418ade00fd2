package view

import (
	"fmt"
)

// Finding is one line of the comparison: what differs, in words and numbers.
type Finding struct {
	Label  string // "Database reads"
	Left   string // value for the first system
	Right  string // value for the second
	Remark string // the difference in words
	Better int    // 0 left is better, 1 right, -1 neither
}

// Summarize compares two systems that served the identical request stream.
func Summarize(a, b System) []Finding {
	sa, sb := a.Stats, b.Stats
	if sa.Counted == 0 {
		return nil
	}
	var out []Finding
	out = append(out, Finding{
		Label: "Hit ratio", Left: Pct(sa.HitRatio), Right: Pct(sb.HitRatio),
		Remark: fmt.Sprintf("%+.1f points with the same total memory", (sb.HitRatio-sa.HitRatio)*100),
		Better: better(sa.HitRatio, sb.HitRatio, true),
	})
	out = append(out, Finding{
		Label: "Database reads", Left: Count(sa.Origin.Reads), Right: Count(sb.Origin.Reads),
		Remark: change(sa.Origin.Reads, sb.Origin.Reads, "fewer", "more") + " reads reach the database",
		Better: better(float64(sa.Origin.Reads), float64(sb.Origin.Reads), false),
	})
	out = append(out, Finding{
		Label: "Stale reads", Left: Count(sa.Total.Stale), Right: Count(sb.Total.Stale),
		Remark: staleRemark(sa.Total.Stale, sb.Total.Stale),
		Better: better(float64(sa.Total.Stale), float64(sb.Total.Stale), false),
	})
	out = append(out, Finding{
		Label: "Entries held / duplicates",
		Left:  fmt.Sprintf("%s / %s", Count(sa.Memory.Entries), Count(sa.Memory.Duplicates)),
		Right: fmt.Sprintf("%s / %s", Count(sb.Memory.Entries), Count(sb.Memory.Duplicates)),
		Remark: fmt.Sprintf("%s and %s distinct keys cached",
			Count(sa.Memory.Distinct), Count(sb.Memory.Distinct)),
		Better: better(float64(sa.Memory.Distinct), float64(sb.Memory.Distinct), true),
	})
	out = append(out, latencyFinding(a, b))
	return out
}

// latencyFinding compares p50 and p99 as shown: a side is starred only when
// it is at least as fast on both and faster on one; when each side wins one,
// the remark names the trade.
func latencyFinding(a, b System) Finding {
	la, lb := a.Stats.Latency, b.Stats.Latency
	f := Finding{
		Label:  "Response time p50 / p99",
		Left:   Micros(la.P50) + " / " + Micros(la.P99),
		Right:  Micros(lb.P50) + " / " + Micros(lb.P99),
		Better: -1,
	}
	mean := fmt.Sprintf("mean %s vs %s", Micros(int(la.Mean)), Micros(int(lb.Mean)))
	p50, p99 := faster(la.P50, lb.P50), faster(la.P99, lb.P99)
	switch {
	case p50 == -1 && p99 == -1:
		f.Remark = "the same as shown (" + mean + ")"
	case p50 != 1 && p99 != 1:
		f.Better, f.Remark = 0, a.Title+" is as fast or faster at p50 and p99 ("+mean+")"
	case p50 != 0 && p99 != 0:
		f.Better, f.Remark = 1, b.Title+" is as fast or faster at p50 and p99 ("+mean+")"
	case p50 == 0:
		f.Remark = fmt.Sprintf("a trade: %s has the lower p50, %s the lower p99 (%s)", a.Title, b.Title, mean)
	default:
		f.Remark = fmt.Sprintf("a trade: %s has the lower p50, %s the lower p99 (%s)", b.Title, a.Title, mean)
	}
	return f
}

// faster says which of two latencies is lower as shown: 0 the first, 1 the
// second, -1 neither (they read the same).
func faster(a, b int) int {
	switch {
	case Micros(a) == Micros(b):
		return -1
	case a < b:
		return 0
	}
	return 1
}

func better(a, b float64, higher bool) int {
	switch {
	case a == b:
		return -1
	case (b > a) == higher:
		return 1
	}
	return 0
}

// change says how b differs from a: "74% fewer" or "2.0× more".
func change(a, b int64, less, more string) string {
	switch {
	case a == b:
		return "the same number of"
	case b < a:
		return fmt.Sprintf("%.0f%% %s", 100*float64(a-b)/float64(a), less)
	case a == 0:
		return more
	}
	return fmt.Sprintf("%.1f× %s", float64(b)/float64(a), more)
}

func staleRemark(a, b int64) string {
	switch {
	case a == 0 && b == 0:
		return "no stale reads on either side"
	case b == 0:
		return "the shared copy is always the latest: no stale reads"
	case a == 0:
		return "only the right side served old values"
	}
	return "both sides served old values"
}

// Headline is the long-run picture in one sentence, from Che's
// approximation t: N per-worker caches of size C hit like one cache of size
// C, while a shared cache of S entries hits like one cache of size S. It is
// empty when the balancer routes by key (then each worker sees only its own
// keys).
func Headline(t Theory) string {
	if t.KeyHash || t.Workers < 2 {
		return ""
	}
	total := t.Workers * t.Cache
	s := fmt.Sprintf("In the long run (Che's approximation) each worker's lru_cache(maxsize=%d) hits about %s of reads, "+
		"and %d of them together still hit about %s: %s entries buy what %s would. ",
		t.Cache, Pct(t.PerWorker), t.Workers, Pct(t.PerWorker), Count(total), Count(t.Cache))
	if t.SharedSize == total {
		return s + fmt.Sprintf("The same %s entries as one shared cache hit about %s.", Count(total), Pct(t.Shared))
	}
	return s + fmt.Sprintf("One shared cache of %s entries hits about %s.", Count(t.SharedSize), Pct(t.Shared))
}
