package lesson

import (
	"fmt"
	"math"
	"strconv"

	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
)

// All is the walkthrough, in order.
var All = []Lesson{
	{
		Slug:    "the-post",
		Teaches: "Why two gunicorn workers give two different cache_info() answers.",
		Title:   "1. The post: two workers, two answers",
		Prose: []string{
			"A Flask app caches a function with @lru_cache(maxsize=2) and runs under gunicorn with two workers. " +
				"GET / calls the function, so its result is stored. GET /get_cache_info returns cache_info().",
			"gunicorn forks two worker processes. Each has its own memory, so each has its own lru_cache. " +
				"The kernel gives every new connection to whichever worker accepts it first.",
			"Here the first two requests reached worker 0 and the third reached worker 1, exactly as in the post.",
		},
		Query: "workers=2&cache=2&keys=1&writes=0",
		Script: []run.Request{
			{Label: "GET /", Worker: 0, Key: 0, Op: sim.Read},
			{Label: "GET /get_cache_info", Worker: 0, Key: 0, Op: sim.Info},
			{Label: "GET /get_cache_info", Worker: 1, Key: 0, Op: sim.Info},
		},
		Question: "Which answer is right?",
		Answer: "Both. Each worker reports its own cache truthfully: worker 0 stored the result, worker 1 never ran the function. " +
			"There is no single cache to ask about.",
		notice: func(r Run) []string {
			return []string{
				fmt.Sprintf("Worker 0 answers %s.", r.Infos[0].JSON()),
				fmt.Sprintf("Worker 1 answers %s.", r.Infos[1].JSON()),
			}
		},
	},
	{
		Slug:    "cold-misses",
		Teaches: "Every worker misses every key once: the cold misses multiply by the workers.",
		Title:   "2. One cache per worker: every worker misses every key",
		Prose: []string{
			"Four workers, 20 keys, and a cache big enough for all of them in every worker.",
			"A shared cache fetches each key from the database once. Per-worker caches fetch it once in each worker " +
				"that is asked for it: the cold misses are multiplied by the number of workers.",
		},
		Query:    "workers=4&cache=20&keys=20&dist=uniform&writes=0",
		Compare:  true,
		Requests: 400,
		Question: "With 16 workers instead of 4, how many database reads would warming up take?",
		Answer:   "Up to 16 per key: 320 for these 20 keys, against 20 with one shared cache.",
		notice: func(r Run) []string {
			st, p := r.Stats, r.Partner
			return []string{
				fmt.Sprintf("Per-worker caches: %s for %s, %.1f per key.",
					counts(int(st.Origin.Reads), "database read", "database reads"), counts(int(st.Memory.Distinct), "different key", "different keys"), ratio(st.Origin.Reads, int64(st.Memory.Distinct))),
				fmt.Sprintf("Shared cache, same requests: %s.", counts(int(p.Origin.Reads), "database read", "database reads")),
				fmt.Sprintf("The workers hold %s between them for %s.", counts(int(st.Memory.Entries), "entry", "entries"), counts(int(st.Memory.Distinct), "key", "keys")),
			}
		},
	},
	{
		Slug:    "memory",
		Teaches: "Each worker holds the same hot keys: N caches of C entries hit like one of C.",
		Title:   "3. Memory: the same hot keys, held N times",
		Prose: []string{
			"Four workers with 50 entries each: 200 entries of memory in all. Requests follow a Zipf law: a few keys are very popular.",
			"Every worker keeps the same popular keys, so some of those 200 entries are copies of one another: " +
				"what to notice counts them. The same 200 entries as one shared cache hold only different keys.",
		},
		Query:    "workers=4&cache=50&keys=1000&writes=0",
		Compare:  true,
		Requests: 20000,
		Question: "Four caches of 50 behave like one cache of what size?",
		Answer: "Of 50. Each worker sees the whole request stream, so its hit ratio is that of a single 50-entry cache, " +
			"whatever the number of workers. Che's approximation predicts it; the measurement agrees.",
		notice: func(r Run) []string {
			st, p := r.Stats, r.Partner
			t := r.lesson.Prediction()
			return []string{
				fmt.Sprintf("Per-worker: %s hold %s (%s duplicates); hit ratio %s.",
					counts(int(st.Memory.Entries), "entry", "entries"), counts(int(st.Memory.Distinct), "different key", "different keys"), count(int(st.Memory.Duplicates)), pct(st.HitRatio)),
				fmt.Sprintf("Shared, same memory: %s; hit ratio %s.", counts(int(p.Memory.Distinct), "different key", "different keys"), pct(p.HitRatio)),
				fmt.Sprintf("Che's approximation: %s for a cache of %s, %s for one of %s.",
					pct(t.PerWorker), count(int(t.Cache)), pct(t.Shared), count(int(t.SharedSize))),
			}
		},
	},
	{
		Slug:    "stale-data",
		Teaches: "A write clears one worker's copy; the other workers keep serving the old value.",
		Title:   "4. Stale data: a write reaches one worker",
		Prose: []string{
			"Now 5% of requests change a value. The worker that handles the write updates the database and drops its own copy.",
			"The other workers never hear of it. They keep answering from their copies, with the old value, " +
				"until the entry is evicted, which for a popular key may be never.",
		},
		Query:    "workers=4&cache=50&keys=200&writes=0.05",
		Compare:  true,
		Requests: 5000,
		Question: "Would a TTL on the per-worker entries fix this?",
		Answer: "It bounds how long a stale value lives, at the price of more misses. " +
			"It never removes stale reads; only invalidating every copy, or keeping one copy, does.",
		notice: func(r Run) []string {
			st, p := r.Stats, r.Partner
			return []string{
				staleWords(st),
				fmt.Sprintf("Shared cache, same requests: %s stale reads.", count(int(p.Total.Stale))),
				fmt.Sprintf("%s writes reached the database.", count(int(st.Origin.Writes))),
			}
		},
	},
	{
		Slug:    "shared-cache",
		Teaches: "The fix: one cache outside the workers, and what its round trip costs.",
		Title:   "5. The fix: one shared cache",
		Prose: []string{
			"The post's advice: keep the cache outside the workers, in Memcached or Redis. Every worker reads and invalidates the same copy.",
			"It is not free: every lookup is a network round trip (here 500 µs) instead of a memory read (1 µs). " +
				"It pays because a database fetch (5,000 µs) is far dearer, and there are fewer of them.",
			"A third mode, tiered (the playground's mode button, one step past shared), keeps each worker's " +
				"lru_cache in front of the shared cache. A local hit costs 1 µs again, but the pitfall comes back with it: a write " +
				"clears the writing worker's copy and the shared one, the other workers keep serving theirs (stale reads), " +
				"and the hot keys are held once per worker again (duplicates).",
		},
		Query:    "workers=4&cache=50&keys=1000",
		Compare:  true,
		Requests: 20000,
		Question: "When would the per-worker cache still be faster?",
		Answer: "When almost every request hits it and the data never changes: then a 1 µs local hit beats a 500 µs round trip. " +
			"Lesson 7 looks at that case (lesson 6 first shows another fix).",
		notice: func(r Run) []string {
			local, shared := r.Stats, r.Partner
			return []string{
				fmt.Sprintf("Shared: hit ratio %s, %s, %s stale reads.", pct(shared.HitRatio), counts(int(shared.Origin.Reads), "database read", "database reads"), count(int(shared.Total.Stale))),
				fmt.Sprintf("Per-worker, same requests: hit ratio %s, %s, %s stale reads%s.", pct(local.HitRatio), counts(int(local.Origin.Reads), "database read", "database reads"), count(int(local.Total.Stale)), staleCause(local, r.Config)),
				fmt.Sprintf("Median latency %s µs shared against %s µs per-worker; mean %s µs against %s µs.",
					count(int(shared.Latency.P50)), count(int(local.Latency.P50)), count(int(math.Round(shared.Latency.Mean))), count(int(math.Round(local.Latency.Mean)))),
			}
		},
	},
	{
		Slug:    "route-by-key",
		Teaches: "Routing each key to one worker: no copies, but restarts and busy workers cost.",
		Title:   "6. Another fix: route each key to one worker",
		Prose: []string{
			"A balancer can hash the key to choose the worker (consistent hashing, like nginx's hash $request_uri consistent). " +
				"Each key then lives in exactly one worker's cache: no copies, no stale reads from other workers.",
			"The price: a worker that restarts takes its keys' cache with it. Worker 1 restarts at request 10,000.",
			"And a key must go to its worker however busy that worker is. Here 8 clients keep requests in flight, so the workers are busy: " +
				"a balancer that looks at the load (leastconn, like nginx's least_conn) would pick the worker with the fewest requests in flight, " +
				"but would then send every key to every worker.",
		},
		Query:    "balancer=keyhash&workers=4&cache=50&keys=1000&clients=8&cpu=1000",
		Requests: 10100,
		Restarts: []run.Restart{{Seq: 10000, Worker: 1}},
		Question: "What happens to the keys of a worker that is removed for good?",
		Answer: "Consistent hashing moves only that worker's keys to the others, which must fetch them again. " +
			"Every other key stays where it was.",
		notice: func(r Run) []string {
			st := r.Stats
			return []string{
				fmt.Sprintf("%s duplicates among %s: each key is cached once.", count(int(st.Memory.Duplicates)), counts(int(st.Memory.Entries), "entry", "entries")),
				fmt.Sprintf("Hit ratio %s, %s stale reads.", pct(st.HitRatio), count(int(st.Total.Stale))),
				sinceRestart(r, 1),
				loadWords(st),
			}
		},
	},
	{
		Slug:    "immutable-data",
		Teaches: "When a per-worker cache is fine: data that never changes, warmed by --preload.",
		Title:   "7. When a per-worker cache is fine",
		Prose: []string{
			"The post's exception: data that never changes, such as archived exchange rates. " +
				"A copy per worker can never be stale, and a local hit costs no round trip.",
			"With gunicorn's --preload the cache is filled once in the master before the fork, " +
				"so every worker starts with the same warm copy.",
		},
		Query:    "workers=4&cache=100&keys=100&writes=0&preload=true",
		Requests: 5000,
		Question: "What goes wrong if the data does change, with --preload?",
		Answer: "Every worker, and every recycled worker, starts from the master's copy taken before the fork. " +
			"Old values come back each time a worker is replaced.",
		notice: func(r Run) []string {
			st := r.Stats
			return []string{
				fmt.Sprintf("Hit ratio %s: %s misses in %s.", pct(st.HitRatio), count(int(st.Total.Misses)), counts(int(st.Total.Reads), "read", "reads")),
				fmt.Sprintf("%s stale reads: the data never changes.", count(int(st.Total.Stale))),
				fmt.Sprintf("Median latency %s µs: no network round trip.", count(int(st.Latency.P50))),
			}
		},
	},
	{
		Slug:    "recycling",
		Teaches: "max_requests replaces workers, and every replacement starts with an empty cache.",
		Title:   "8. Worker recycling wipes the cache",
		Prose: []string{
			"gunicorn's max_requests replaces a worker after it has served that many requests, a guard against memory leaks. " +
				"max_requests_jitter spreads the restarts out.",
			"Each replacement starts with an empty cache and has to warm up again.",
		},
		Query:    "workers=4&cache=100&keys=1000&writes=0&max-requests=300&max-requests-jitter=30",
		Compare:  true,
		Requests: 20000,
		Question: "Why does the shared cache not care about recycling?",
		Answer:   "Its entries live outside the workers, so replacing a worker loses nothing.",
		notice: func(r Run) []string {
			st, p := r.Stats, r.Partner
			return []string{
				recycles(st.Total.Recycles),
				fmt.Sprintf("Per-worker hit ratio %s, against %s predicted for caches that stay warm.", pct(st.HitRatio), pct(r.lesson.Prediction().PerWorker)),
				fmt.Sprintf("Shared cache, same requests: hit ratio %s.", pct(p.HitRatio)),
			}
		},
	},
	frameworkDefault,
	deploy,
	stampede,
	replicas,
	outage,
}

// sinceRestart sets worker w's hit ratio since the lesson restarted it (its
// new process's cache_info) against the worker's before the restart.
func sinceRestart(r Run, w int) string {
	at := r.restartSeq(w)
	if r.Stats.Seq <= at || w >= len(r.Infos) {
		return fmt.Sprintf("Worker %s restarts at request %s: watch its cache empty.", count(int(w)), count(int(at)))
	}
	info, st := r.Infos[w], r.Stats.Workers[w]
	if st.Generation == 0 {
		return fmt.Sprintf("Worker %s is restarting after request %s: its old process finishes what it holds, and the new one starts with an empty cache.", count(int(w)), count(int(at)))
	}
	since := info.Hits + info.Misses
	before := pct(ratio(st.Hits-info.Hits, st.Reads-since))
	if since == 0 {
		return fmt.Sprintf("Worker %s restarted at request %s with an empty cache: its new process has answered no read yet (%s before the restart).",
			count(int(w)), count(int(at)), before)
	}
	return fmt.Sprintf("Worker %s restarted at request %s with an empty cache: in the %s requests since, its cache answered %s of its %s reads (%s), "+
		"against %s before the restart; it has refilled %s of its %s entries.",
		count(int(w)), count(int(at)), count(int(r.Stats.Seq-at)), count(int(info.Hits)), count(int(since)), pct(ratio(info.Hits, since)),
		before, count(int(info.Currsize)), count(int(info.Maxsize)))
}

// loadWords says how unevenly routing by key loaded the workers.
func loadWords(st sim.Stats) string {
	most, least := st.Workers[0], st.Workers[0]
	for _, w := range st.Workers {
		if w.Requests > most.Requests {
			most = w
		}
		if w.Requests < least.Requests {
			least = w
		}
	}
	return fmt.Sprintf("Its keys gave worker %s %s and worker %s %s; p99 response time %s.",
		count(int(most.ID)), counts(int(most.Requests), "request", "requests"), count(int(least.ID)), count(int(least.Requests)), ms(st.Latency.P99))
}

// recycles says how many workers max_requests has replaced so far.
func recycles(n int64) string {
	switch n {
	case 0:
		return "No worker has reached max_requests yet: no recycles so far."
	case 1:
		return "1 recycle so far: the new worker started with an empty cache."
	}
	return fmt.Sprintf("%s recycles so far; each new worker started with an empty cache.", count(int(n)))
}

// staleCause says where a per-worker side's stale reads come from, when it
// has any: the writes, each of which clears only its own worker's copy.
func staleCause(st sim.Stats, c sim.Config) string {
	if st.Total.Stale == 0 || c.Writes == 0 {
		return ""
	}
	return fmt.Sprintf(": %s%% of requests write, and each write clears only its own worker's copy", strconv.FormatFloat(100*c.Writes, 'g', -1, 64))
}

// staleWords counts the per-worker side's stale reads among all its reads.
func staleWords(st sim.Stats) string {
	if st.Total.Stale == 0 {
		return fmt.Sprintf("Per-worker: no stale read yet in the first %s (%s of them reads).", counts(int(st.Counted), "request", "requests"), count(int(st.Total.Reads)))
	}
	return fmt.Sprintf("Per-worker: %s of the %s reads so far (%s) answered with an old value.",
		count(int(st.Total.Stale)), count(int(st.Total.Reads)), pct(ratio(st.Total.Stale, st.Total.Reads)))
}
