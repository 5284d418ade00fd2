package view

import (
	"fmt"
	"math"

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
func Summarize(a, b System) []Finding {
	sa, sb := a.Stats, b.Stats
	if sa.Counted == 0 {
		return nil
	}
	var out []Finding
	out = append(out, Finding{
		Label: "Hit ratio", Left: Pct(sa.HitRatio), Right: Pct(sb.HitRatio),
		Remark: hitRemark(a, b),
		Better: better(float64(tenths(Pct(sa.HitRatio))), float64(tenths(Pct(sb.HitRatio))), true), // as shown, as the remark

	})
	out = append(out, Finding{
		Label: "Database reads", Left: Count(sa.Origin.Reads), Right: Count(sb.Origin.Reads),
		Remark: readsRemark(a, b),
		Better: better(float64(sa.Origin.Reads), float64(sb.Origin.Reads), false),
	})
	out = append(out, Finding{
		Label: "Stale reads", Left: Count(sa.Total.Stale), Right: Count(sb.Total.Stale),
		Remark: staleRemark(a, b),
		Better: better(float64(sa.Total.Stale), float64(sb.Total.Stale), false),
	})
	out = append(out, Finding{
		// the star goes to more distinct keys, so the label leads with them:
		// "entries / duplicates" first read as praise for the side with more copies
		Label:  "Distinct keys cached (entries / duplicates)",
		Left:   fmt.Sprintf("%s (%s / %s)", Count(sa.Memory.Distinct), Count(sa.Memory.Entries), Count(sa.Memory.Duplicates)),
		Right:  fmt.Sprintf("%s (%s / %s)", Count(sb.Memory.Distinct), Count(sb.Memory.Entries), Count(sb.Memory.Duplicates)),
		Remark: "a duplicate is a copy of a key another cache holds too: memory that buys no hits",
		Better: better(float64(sa.Memory.Distinct), float64(sb.Memory.Distinct), true),
	})
	if last := &out[len(out)-1]; !evicted(sa) && !evicted(sb) {
		// Before either design runs out of room, both hold every key read so
		// far; a side's extra distinct key is an old copy a write left
		// behind, not memory put to better use.
		last.Better = -1
		last.Remark = "neither design has evicted an entry yet, so both hold every key read so far; " + last.Remark
	}
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
		f.Better, f.Remark = 0, a.Title+": as fast or faster at p50 and p99"+meanWords(la.Mean, lb.Mean)
	case p50 != 0 && p99 != 0:
		f.Better, f.Remark = 1, b.Title+": as fast or faster at p50 and p99"+meanWords(lb.Mean, la.Mean)
	case p50 == 0:
		f.Remark = fmt.Sprintf("a trade: %s has the lower p50, %s the lower p99 (%s)", a.Title, b.Title, mean)
	default:
		f.Remark = fmt.Sprintf("a trade: %s has the lower p50, %s the lower p99 (%s)", b.Title, a.Title, mean)
	}
	return f
}

// meanWords gives the means of the side that is as fast or faster at p50
// and p99 (win) and of the other, and says so when the winner's mean is
// higher as shown: a few slow requests can outweigh a lower p50 and p99.
func meanWords(win, other float64) string {
	w, o := Micros(int(win)), Micros(int(other))
	if w != o && win > other {
		return fmt.Sprintf(", but slower on average (mean %s against %s)", w, o)
	}
	return fmt.Sprintf(" (mean %s against %s)", w, o)
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

// evicted reports whether any of a run's caches has evicted an entry to
// make room.
func evicted(st sim.Stats) bool {
	if st.Total.Evictions > 0 || st.Shared.Evictions > 0 {
		return true
	}
	for _, h := range st.Hosts {
		if h.Cache.Evictions > 0 {
			return true
		}
	}
	return false
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
	case b == 0:
		return "100% " + less
	case b < a:
		pct := 100 * float64(a-b) / float64(a)
		if pct >= 99.5 { // "100% fewer" only for none: 1 of 1,907 is 99.9%
			return fmt.Sprintf("%.1f%% %s", min(math.Floor(pct*10)/10, 99.9), less)
		}
		return fmt.Sprintf("%.0f%% %s", pct, less)
	case a == 0:
		return more
	}
	if b < 2*a {
		return fmt.Sprintf("%.0f%% %s", 100*float64(b-a)/float64(a), more)
	}
	return fmt.Sprintf("%.1f× %s", float64(b)/float64(a), more)
}

func staleRemark(a, b System) string {
	x, y := a.Stats.Total.Stale, b.Stats.Total.Stale
	switch {
	case x == 0 && y == 0:
		return "no stale reads on either side"
	case y == 0 && !b.Config.HasLocal():
		return b.Title + ": none in this run; with one copy, only a fill racing a write's delete can leave an old value"
	case y == 0:
		return "only " + a.Title + " served old values"
	case x == 0:
		return "only " + b.Title + " served old values"
	case x == y:
		return "both sides served as many old values"
	case y < x:
		return fmt.Sprintf("both served old values; %s %s", b.Title, change(x, y, "fewer", "more"))
	}
	return fmt.Sprintf("both served old values; %s %s", a.Title, change(y, x, "fewer", "more"))
}

// hitRemark names the side with the higher hit ratio as shown and by how
// many points, and says when both sides hold the same memory. The points
// are the difference of the figures shown beside it (98.4% and 99.8%: 1.4),
// so that a reader who subtracts them gets the same.
func hitRemark(a, b System) string {
	memory := ""
	x, _ := capacity(a.Config, 0)
	y, _ := capacity(b.Config, 0)
	if x == y {
		memory = ", with the same total memory"
	}
	d := tenths(Pct(b.Stats.HitRatio)) - tenths(Pct(a.Stats.HitRatio))
	points := PointsApart(a.Stats.HitRatio, b.Stats.HitRatio)
	switch {
	case d == 0:
		return "the same" + memory
	case d > 0:
		return fmt.Sprintf("%s: %s points higher%s", b.Title, points, memory)
	}
	return fmt.Sprintf("%s: %s points higher%s", a.Title, points, memory)
}

// readsRemark says how many more or fewer reads the second side sends to
// the database than the first, naming it.
func readsRemark(a, b System) string {
	x, y := a.Stats.Origin.Reads, b.Stats.Origin.Reads
	if x == y {
		return "the same number of reads reach the database"
	}
	return b.Title + ": " + change(x, y, "fewer", "more") + " reads reach the database"
}

// Headline is the long-run picture in one sentence, from Che's
// approximation t: N per-worker caches of size C hit like one cache of size
// C, while a shared cache of S entries hits like one cache of size S. It is
// empty when the balancer routes by key (then each worker sees only its own
// keys). With ttl it says the approximation leaves expiry out.
func Headline(t Theory, ttl bool) string {
	if t.KeyHash || t.Workers < 2 {
		return ""
	}
	total := t.Workers * t.Cache
	s := fmt.Sprintf("In the long run (Che's approximation) each worker's lru_cache(maxsize=%d) hits about %s of reads, "+
		"and %d of them together still hit about %s: %s entries buy what %s would. ",
		t.Cache, Pct(t.PerWorker), t.Workers, Pct(t.PerWorker), Count(total), Count(t.Cache))
	if t.SharedSize == total {
		s += fmt.Sprintf("The same %s entries as one shared cache hit about %s.", Count(total), Pct(t.Shared))
	} else {
		s += fmt.Sprintf("One shared cache of %s entries hits about %s.", Count(t.SharedSize), Pct(t.Shared))
	}
	if ttl {
		s += " These figures leave out the TTL: here entries also expire, and every expiry is a miss the approximation does not count."
	}
	return s
}
