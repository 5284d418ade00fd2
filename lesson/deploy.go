package lesson

import (
	"fmt"

	"github.com/cachepit/cachepit/run"
)

// deploy restarts every worker under load, first all at once, then rolling:
// per-worker caches all go cold together and flood the database.
var deploy = Lesson{
	Slug:    "deploy",
	Teaches: "A deploy empties every per-worker cache at once; a rolling one spreads the refill.",
	Title:   "10. Deploy: every cache empty at once",
	Prose: []string{
		"A deploy restarts every worker (gunicorn's HUP, or new containers). A per-worker cache dies with its process, " +
			"so after a deploy every worker starts empty, all at the same moment, under full load.",
		"Here 16 sync workers serve an open stream of requests: they keep arriving however slow the answers are. " +
			"After request 10,240 every worker restarts at once. The new workers take 100 ms to boot, then each of them misses every key it is asked for.",
		"The shared cache, the second system on the page, lives outside the workers: the same deploy costs it the boot, not the cache.",
		"After request 20,480 the deploy is rolling: one worker restarts at a time, each once the one before has booted, " +
			"so the workers never all stop together. A booted worker's cache is still filling when the next one restarts: " +
			"several caches can be cold at once, and every one of them refills.",
	},
	Query:    "workers=16&cache=100&keys=100&writes=0&arrivals=poisson&rate=3000&cpu=1000&boot=100ms",
	Compare:  true,
	Requests: 30000,
	// At multiples of 1,024 requests, so that the what-to-notice windows,
	// read from the time series, begin exactly at the deploys whatever
	// length the series' windows have grown to (64 to 1,024 requests).
	Deploys: []run.Deploy{{Seq: 10240}, {Seq: 20480, Rolling: true}},
	Marks: []Mark{
		{Seq: 10240, Text: "Request 10,240: every worker has just restarted at once. Each new process boots for 100 ms with an empty cache while requests wait in the backlog, " +
			"then misses every key it is asked for: watch the per-worker side's database. The shared side only waits for the boot."},
		{Seq: 20480, Text: "Request 20,480: the rolling deploy begins. One worker restarts at a time, the next once it has booted: watch the gen badges change one card after another."},
	},
	Question: "Does the rolling deploy save the database any reads?",
	Answer: "Hardly: every worker still starts empty and fetches its keys again. Rolling spreads those fetches out, " +
		"so fewer fetches reach the database at once and no request waits for every worker to boot. " +
		"Only a cache that outlives the workers saves the reads.",
	notice: deployNotice,
}

// deployWindow is how many requests each of lesson 10's windows covers:
// before the deploy, after it, and after the rolling one, so that their
// database reads compare. A rolling deploy of 16 workers booting 100 ms
// each at 3,000 requests a second is over within it.
const deployWindow = 5120

func deployNotice(r Run) []string {
	at, roll := r.lesson.Deploys[0].Seq, r.lesson.Deploys[1].Seq
	seq := r.Stats.Seq
	before := r.window(0, at-deployWindow, at)
	if before.To == 0 {
		return []string{fmt.Sprintf("The caches fill up; every worker restarts at once after request %s.", count(int(at)))}
	}
	out := []string{fmt.Sprintf("Before the deploy, per-worker caches: %s database reads in requests %s, up to %s at once; p99 %s.",
		count(int(before.Reads)), span(before), count(int(before.Peak)), ms(before.P99))}
	all, shared := r.window(0, at, at+deployWindow), r.window(1, at, at+deployWindow)
	if seq <= at || all.To == 0 {
		return append(out, fmt.Sprintf("Every worker restarts at once after request %s.", count(int(at))))
	}
	each := ""
	if all.Peak == r.Config.Workers {
		each = ", one for each worker"
	}
	out = append(out,
		fmt.Sprintf("All at once, per-worker caches: %s database reads in requests %s, up to %s at once%s; p99 rose to %s.",
			count(int(all.Reads)), spanAt(all, at), count(int(all.Peak)), each, ms(all.P99)),
		fmt.Sprintf("Shared cache, same deploy and requests: %s database reads in them; p99 %s, with the workers' %s boot.",
			count(int(shared.Reads)), ms(shared.P99), duration(r.Config.Boot)))
	if seq <= roll {
		return append(out, fmt.Sprintf("A rolling deploy follows after request %s.", count(int(roll))))
	}
	rolling := r.window(0, roll, roll+deployWindow)
	if rolling.To == 0 {
		return append(out, fmt.Sprintf("A rolling deploy follows after request %s.", count(int(roll))))
	}
	return append(out, fmt.Sprintf("Rolling, per-worker caches: %s database reads in requests %s, up to %s at once; p99 %s.",
		count(int(rolling.Reads)), spanAt(rolling, roll), count(int(rolling.Peak)), ms(rolling.P99)))
}

// spanAt names a window that starts at a deploy after request at. The
// series' windows are whole, so the first may begin a little before a
// deploy that is not at a multiple of their length: then it says so.
func spanAt(w window, at int64) string {
	if w.To == 0 || w.From == at+1 {
		return span(w)
	}
	return fmt.Sprintf("%s (counted in whole stretches of requests, from the one that holds the deploy after request %s)", span(w), count(int(at)))
}

// span names the requests a window covers: "4,993 to 9,984".
func span(w window) string {
	if w.To == 0 {
		return "none yet"
	}
	return count(int(w.From)) + " to " + count(int(w.To))
}
