package lesson

import "fmt"

// stampede shows one hot key expiring in every worker at once, and why only
// a lock shared by all workers stops the duplicate fetches.
var stampede = Lesson{
	Slug:  "stampede",
	Title: "11. Stampede: a hot key expires",
	Prose: []string{
		"One key is behind a slow query (50,000 µs) and every request wants it: a home page, a configuration, an exchange rate. " +
			"Each worker keeps it for 1 s (a TTL), then fetches it again.",
		"Workers that started together fill the key together and lose it together. When it expires, every worker that gets a request " +
			"runs the same query at the same time: a cache stampede. The database does the work once per worker. " +
			"Between fetches each worker's copy also goes stale after a write, until its TTL runs out: that is where the first system's stale reads come from.",
		"Single flight inside a worker (a lock around the fetch inside the process) makes a thread that misses wait " +
			"for another thread's fetch of the same key. A sync worker has one thread: no second request in its process ever waits, so it changes nothing here.",
		"The second system has one shared cache with a lock (Memcached's add, Redis's SET NX): the first request to miss takes the lock and fetches, " +
			"and every other worker waits and reads the shared copy. In this model the shared copy has no TTL; a write deletes it, and then it is fetched again.",
	},
	Query:    "workers=16&cache=1&keys=1&writes=0.002&ttl=1s&coalesce=worker&arrivals=poisson&rate=1000&cpu=1000&cost-origin=50000",
	Compare:  true,
	Requests: 20000,
	Question: "Would the shared cache do as well without the lock?",
	Answer: "No. When a write deletes the shared copy, every request that misses it queries the database until the first fetch has filled it again: " +
		"the stampede moves into the shared cache. Set coalesce to none in the playground and compare the duplicate fetches.",
	notice: func(r Run) []string {
		st, p := r.Stats, r.Partner
		waited := fmt.Sprintf("Single flight inside each worker made %s requests wait for another thread's fetch: a sync worker never has a second thread to share one.", count(int(st.Total.Coalesced)))
		if r.Config.Threads > 1 {
			waited = fmt.Sprintf("Single flight inside each worker made %s requests wait for another thread's fetch, within their own worker only.", count(int(st.Total.Coalesced)))
		}
		stale := fmt.Sprintf("Stale reads: %s per-worker, %s shared.", count(int(st.Total.Stale)), count(int(p.Total.Stale)))
		if p.Total.Stale > 0 {
			stale += " The shared cache holds one copy, but a fetch that began before a write can store the old value after the write deleted the key."
		}
		return []string{
			fmt.Sprintf("Per-worker caches: %s database fetches; %s of them while another worker was already fetching the key; up to %s at once.",
				count(int(st.Origin.Reads)), count(int(st.Origin.Duplicates)), count(int(st.Origin.Peak))),
			waited,
			fmt.Sprintf("Shared cache with a lock, same requests: %s database fetches, %s duplicates, up to %s at once; %s requests waited for the one fetch instead.",
				count(int(p.Origin.Reads)), count(int(p.Origin.Duplicates)), count(int(p.Origin.Peak)), count(int(p.Total.Coalesced))),
			fmt.Sprintf("p99 response time %s per-worker, %s shared.", ms(st.Latency.P99), ms(p.Latency.P99)),
			stale,
		}
	},
}
