package web

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
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
func Summarize(a, b View) []Finding {
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
	out = append(out, Finding{
		Label: "Latency p50 / p99",
		Left:  Micros(sa.Latency.P50) + " / " + Micros(sa.Latency.P99),
		Right: Micros(sb.Latency.P50) + " / " + Micros(sb.Latency.P99),
		Remark: fmt.Sprintf("mean %s vs %s (a shared cache costs a network round trip per hit)",
			Micros(int(sa.Latency.Mean)), Micros(int(sb.Latency.Mean))),
		Better: better(sa.Latency.Mean, sb.Latency.Mean, false),
	})
	return out
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

// MatchingSize is the smallest shared cache that Che's approximation says
// reaches hit ratio h, or 0 if even size limit does not.
func MatchingSize(c sim.Config, h float64, limit int) int {
	lo, hi := 1, limit
	if limit < 1 || sim.Che(c, limit) < h {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if sim.Che(c, mid) >= h {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// Headline is the comparison in one sentence: how much memory a shared cache
// would need to match the per-worker caches' hit ratio, by Che's approximation.
func Headline(a, b View) string {
	local, shared := a, b
	if local.Config.Mode != "local" {
		local, shared = b, a
	}
	if local.Config.Mode != "local" || shared.Config.Mode != "shared" || local.Stats.Total.Reads == 0 {
		return ""
	}
	c := local.Config
	total := c.Workers * c.Cache
	h := local.Stats.HitRatio
	size := MatchingSize(c, h, total)
	if size == 0 || size >= total {
		return ""
	}
	return fmt.Sprintf("The %d per-worker caches hold %s entries in all and reach a %s hit ratio; one shared cache of about %s entries would reach the same (Che's approximation), %.0f× less memory.",
		c.Workers, Count(total), Pct(h), Count(size), float64(total)/float64(size))
}
