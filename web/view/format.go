package view

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// Pct formats a ratio as a percentage with one decimal: 0.8126 → "81.3%".
func Pct(r float64) string { return strconv.FormatFloat(r*100, 'f', 1, 64) + "%" }

// PointsApart is how many percentage points apart two ratios are as Pct
// shows them, unsigned: the difference a reader gets by subtracting the
// figures on screen (0.98351 and 0.99849 show as 98.4% and 99.8%: "1.4",
// where the ratios themselves are 1.5 points apart).
func PointsApart(a, b float64) string {
	d := tenths(Pct(b)) - tenths(Pct(a))
	if d < 0 {
		d = -d
	}
	return fmt.Sprintf("%d.%d", d/10, d%10)
}

// tenths reads a percentage as Pct shows it, "98.4%", in tenths: 984.
func tenths(pct string) int {
	n, _ := strconv.Atoi(strings.Replace(strings.TrimSuffix(pct, "%"), ".", "", 1))
	return n
}

// Count formats n with thin thousands separators: 1234567 → "1,234,567".
func Count[T ~int | ~int64](n T) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := ""
	if s[0] == '-' {
		neg, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return neg + s
}

// Share formats part of whole as a percentage, or "–" when whole is 0:
// nothing on screen is divided by zero.
func Share(part, whole int64) string {
	if whole == 0 {
		return "–"
	}
	return Pct(float64(part) / float64(whole))
}

// HitRatio is a run's hit ratio as a percentage, or "–" before its first read.
func HitRatio(st sim.Stats) string {
	if st.Total.Reads == 0 {
		return "–"
	}
	return Pct(st.HitRatio)
}

// Micros formats a modelled time: 1 → "1 µs", 5000 → "5.0 ms", 2e6 → "2.00 s".
func Micros(us int) string {
	if us < 1000 {
		return fmt.Sprintf("%d µs", us)
	}
	if us >= 1_000_000 {
		return fmt.Sprintf("%.2f s", float64(us)/1e6)
	}
	return fmt.Sprintf("%.1f ms", float64(us)/1000)
}

// ResponseTime is Micros(us) for a run's response-time percentile, or "–"
// before its first answer, as HitRatio is before its first read.
func ResponseTime(st sim.Stats, us int) string {
	if st.Seq == 0 {
		return "–"
	}
	return Micros(us)
}

// InfoLine is a worker's cache_info() as Python prints it.
func InfoLine(i sim.CacheInfo) string {
	return fmt.Sprintf("CacheInfo(hits=%d, misses=%d, maxsize=%d, currsize=%d)", i.Hits, i.Misses, i.Maxsize, i.Currsize)
}

// Plural counts n things: "1 request", "5,000 requests".
func Plural(n int64, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return Count(n) + " " + thing + "s"
}

// Keys counts the run's keys with their popularity: "20 keys (zipf)". One key
// has no popularity to speak of: the post's cached function takes no arguments.
func Keys(c sim.Config) string {
	if c.Keys == 1 {
		return "1 key (a function without arguments)"
	}
	return fmt.Sprintf("%s (%s)", Plural(int64(c.Keys), "key"), c.Dist)
}

// Entries counts cache entries: "1 entry", "400 entries".
func Entries(n int64) string {
	if n == 1 {
		return "1 entry"
	}
	return Count(n) + " entries"
}

// PlayRate names the measured playback speed: requests drawn per second of
// wall time, apart from the modelled load ("rate=1000", requests/s).
func PlayRate(perSecond int64) string { return "playing " + Count(perSecond) + " req/s" }
