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
		during := min(r.Stats.Now, to)
		before := originRate(r.Series[1], max(0, from-(during-from)), from)
		out := originRate(r.Series[1], from, during)
		local := originRate(r.Series[0], from, during)
		lines := []string{
			fmt.Sprintf("Shared: %s cache errors while it was out (each read tried a get, then a set; each write a delete); every read went on to the database and none answered with an error.", count(int(p.Shared.Errors))),
			fmt.Sprintf("Database reads per second on the shared side: %.0f before the outage, %.0f during it; per-worker caches during the same seconds: %.0f.",
				before, out, local),
		}
		if r.Stats.Now >= to {
			lines = append(lines, fmt.Sprintf("Over the whole run: hit ratio %s shared against %s per-worker; %s stale reads per-worker, %s shared.",
				pct(p.HitRatio), pct(r.Stats.HitRatio), count(int(r.Stats.Total.Stale)), count(int(p.Total.Stale))))
		}
		return lines
	},
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
// moments (µs): the windows that closed in between.
func originRate(series []sim.Point, from, to int64) float64 {
	var reads int64
	first, last := int64(-1), int64(0)
	prev := int64(0)
	for _, p := range series {
		if p.At > from && p.At <= to {
			if first < 0 {
				first = prev
			}
			last = p.At
			reads += p.OriginReads
		}
		prev = p.At
	}
	if first < 0 || last <= first {
		return 0
	}
	return float64(reads) * 1e6 / float64(last-first)
}
