package lesson

import (
	"fmt"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// outage takes the shared cache down for 10 s of a steady stream: per-worker
// caches carry on, the shared side sends every read to the database.
var outage = Lesson{
	Slug:    "outage",
	Teaches: "When the shared cache itself goes down, and what tiered caching keeps.",
	Title:   "13. When the shared cache goes down",
	Prose: []string{
		"The fix for the pitfall is one cache outside the workers. That cache is one more process, on one more machine, and it can fail: " +
			"a restart, a full disk, a network partition.",
		"Here 4 workers serve 500 requests a second. From 15 s to 25 s of simulated time the shared cache is out. " +
			"The client fails open: a get that cannot connect counts as a cache error, and the request goes on to the database (the real servers behind this site's command-line tool do the same with Memcached or Redis).",
		"In the first system the per-worker caches live inside the workers: the outage does not touch them. " +
			"In the second, every read that the shared cache answered now reaches the database; the cache comes back empty and fills again.",
		"The trade in words: the shared cache removes the duplicates and the stale copies in other workers (a fill racing a write's delete can still leave an old value in it), and adds a failure that moves its whole load onto the database at once. " +
			"A tiered cache (mode tiered: a small lru_cache in front of the shared one) keeps the hottest keys inside each worker, so an outage costs less; " +
			"it brings back a little of the staleness, bounded by its size and TTL.",
	},
	Query:    "workers=4&cache=50&keys=1000&writes=0.01&arrivals=poisson&rate=500&outage=shared@15s-25s",
	Compare:  true,
	Requests: 20000,
	Marks: []Mark{
		{Seq: 7525, At: 15e6, Text: "15 s: the shared cache has just gone down. Every get fails, and every read on the shared side goes on to the database; " +
			"the per-worker caches, inside the workers, carry on."},
		{Seq: 12655, At: 25e6, Text: "25 s: the shared cache is back, and empty: reads miss it and fill it again."},
	},
	Question: "Should the web app answer 502 while the cache is down?",
	Answer: "No. A cache in front of a database is an optimisation: losing it must cost speed, not answers. " +
		"Catch the cache client's errors, keep its timeout short, count the errors, and read from the database. " +
		"Then size the database for the day the cache is gone, or put a small per-worker cache in front (tiered) to soften it.",
	notice: func(r Run) []string {
		from, to := outageSpanOf(r.lesson.Config(), "shared") // r.Config, the per-worker side's, leaves out the outage it has no cache for
		if r.Partner == nil || r.Stats.Now < from {
			return []string{fmt.Sprintf("Both sides fill their caches; the shared cache goes down at %s.", sim.FormatDuration(from))}
		}
		p := r.Partner
		over := r.Stats.Now >= to
		errors := fmt.Sprintf("Shared: %s cache errors since it went out (each read tries a get, then a set; each write a delete); every read goes on to the database and none answers with an error.", count(int(p.Shared.Errors)))
		if over {
			errors = fmt.Sprintf("Shared: %s cache errors while it was out (each read tried a get, then a set; each write a delete); every read went on to the database and none answered with an error.", count(int(p.Shared.Errors)))
		}
		return append([]string{errors, outageRates(r, from, to)}, outageEnd(r, over)...)
	},
}

// outageRates sets the shared side's database reads per second before the
// outage (over as long a stretch as the outage lasts, closed when it
// begins: at its start the line already gives the figure the lesson ends
// with, give or take the series' windows merging) against those during it, and
// the per-worker side's in the same seconds. A stretch with no whole series
// window in it yet has no rate: the line says so instead of printing 0.
func outageRates(r Run, from, to int64) string {
	before, _, ok := originRate(r.Series[1], max(0, from-(to-from)), from)
	if !ok {
		return "Database reads per second on the shared side: not measured yet before the outage."
	}
	head := fmt.Sprintf("Database reads per second on the shared side: %.0f in the %s before the outage", before, seconds(min(from, to-from)))
	during := min(r.Stats.Now, to)
	out, span, ok := originRate(r.Series[1], from, during)
	local, _, okLocal := originRate(r.Series[0], from, during)
	if !ok || !okLocal {
		return head + "; the outage has just begun: no stretch of it is measured yet."
	}
	when := "during it"
	if during < to {
		when = fmt.Sprintf("in its first %s", seconds(span))
	}
	return fmt.Sprintf("%s, %.0f %s; per-worker caches during the same seconds: %.0f.", head, out, when, local)
}

// seconds writes µs as seconds, to a tenth when under ten: "10 s", "1.3 s".
func seconds(us int64) string {
	if us >= 10e6 || us%1e6 == 0 {
		return fmt.Sprintf("%.0f s", float64(us)/1e6)
	}
	return fmt.Sprintf("%.1f s", float64(us)/1e6)
}

// outageEnd sums up the whole run once the outage is over.
func outageEnd(r Run, over bool) []string {
	if !over {
		return nil
	}
	p := r.Partner
	shared := fmt.Sprintf("%s shared", count(int(p.Total.Stale)))
	if p.Total.Stale > 0 {
		shared += ", where a fill that raced a write stored the old value"
	}
	return []string{fmt.Sprintf("Over the whole run: hit ratio %s shared against %s per-worker; %s stale reads per-worker%s; %s.",
		pct(p.HitRatio), pct(r.Stats.HitRatio), count(int(r.Stats.Total.Stale)), staleCause(r.Stats, r.Config), shared)}
}

// outageSpanOf is c's first outage of what ("shared", "host2"), in µs (the
// lesson's setting lists one); to is sim.Forever when it has no end.
func outageSpanOf(c sim.Config, what string) (from, to int64) {
	for _, p := range strings.Split(c.Outage, ",") {
		if w, from, to, err := sim.OutageSpan(p); err == nil && w == what {
			return from, to
		}
	}
	return 0, 0
}

// originRate is the database reads per second of a series between two
// moments (µs), over the series windows that lie wholly between them, and
// the time those windows cover; ok is false when none does yet.
func originRate(series []sim.Point, from, to int64) (rate float64, span int64, ok bool) {
	var reads int64
	first, last := int64(-1), int64(0)
	prev := int64(0)
	for _, p := range series {
		if prev >= from && p.At <= to {
			if first < 0 {
				first = prev
			}
			last = p.At
			reads += p.OriginReads
		}
		prev = p.At
	}
	if first < 0 || last <= first {
		return 0, 0, false
	}
	return float64(reads) * 1e6 / float64(last-first), last - first, true
}
