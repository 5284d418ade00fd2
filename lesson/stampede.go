package lesson

import "fmt"

// stampede shows one hot key expiring in every worker at once, and why only
// stampede protection shared by all workers stops the duplicate fetches.
// The data never changes, so that every fetch on the page is one the TTL
// caused: no write, no stale read, to tell apart from the stampede.
var stampede = Lesson{
	Slug:    "stampede",
	Teaches: "A hot key expires in every worker at once; stampede protection that helps.",
	Title:   "11. Stampede: a hot key expires",
	Prose: []string{
		"One key is behind a slow query (50,000 µs) and every request wants it: a home page, a configuration, an exchange rate. " +
			"Each worker keeps it for 1 s (a TTL), then fetches it again. The data never changes here: every fetch you see is one the TTL caused.",
		"Workers that started together fill the key together and lose it together. When it expires, every worker that gets a request " +
			"runs the same query at the same time: a cache stampede. The database does the work once per worker. " +
			"The lesson pauses at the first expiry, about 1 s in: look at the database, and at its duplicate fetches.",
		"Stampede protection (the playground's setting of that name, coalesce in the link) makes a request that misses wait for a fetch of the same key " +
			"that is already under way, instead of starting its own. The first system has it inside each worker (single flight: a lock around the fetch in the process). " +
			"A sync worker has one thread: no second request in its process ever waits, so it changes nothing here.",
		"The second system has one shared cache with stampede protection across the workers (a lock in the shared cache: Memcached's add, Redis's SET NX): " +
			"the first request to miss takes the lock and fetches, and every other worker waits and reads the shared copy. " +
			"In this model the shared copy has no TTL: the database runs the query once.",
	},
	Query:    "workers=16&cache=1&keys=1&writes=0&ttl=1s&coalesce=worker&arrivals=poisson&rate=1000&cpu=1000&cost-origin=50000",
	Compare:  true,
	Requests: 20000,
	Marks: []Mark{{Seq: 1043, Text: "About 1 s in, the key's TTL has run out in the workers that fetched it together at the start: " +
		"they are fetching it again at the same moment, each for itself. Look at the per-worker side's database, its connections in use and its duplicate fetches; " +
		"the shared side fetched the key once and reads its copy."}},
	Question: "Would the shared cache do as well without stampede protection?",
	Answer: "No. It starts empty: every worker misses it at once and queries the database until the first fetch has filled it; " +
		"and the same happens whenever the key is deleted or expires there. " +
		"Open this lesson in the playground, set stampede protection to none, and compare the duplicate fetches.",
	notice: func(r Run) []string {
		st, p := r.Stats, r.Partner
		if st.Seq == 0 {
			return []string{"No request served yet: every worker fetches the key at the start, keeps it for 1 s, and the lesson pauses when it expires, about 1 s in."}
		}
		waited := fmt.Sprintf("Stampede protection inside each worker made %s requests wait for another thread's fetch: a sync worker never has a second thread to share one.", count(int(st.Total.Coalesced)))
		if r.Config.Threads > 1 {
			waited = fmt.Sprintf("Stampede protection inside each worker made %s requests wait for another thread's fetch, within their own worker only.", count(int(st.Total.Coalesced)))
		}
		return []string{
			fmt.Sprintf("Per-worker caches: %s; %s of them began while another worker was already fetching it; up to %s at once.",
				fetchesSoFar(r.begun(0, st.Origin.Reads), st.Origin.Reads), count(int(st.Origin.Duplicates)), count(int(st.Origin.Peak))),
			waited,
			fmt.Sprintf("Shared cache with stampede protection, same requests: %s, %s duplicates; %s for the one fetch instead.",
				fetchesSoFar(r.begun(1, p.Origin.Reads), p.Origin.Reads), count(int(p.Origin.Duplicates)), counts(int(p.Total.Coalesced), "request waited", "requests waited")),
			fmt.Sprintf("p99 response time %s per-worker, %s shared.", ms(st.Latency.P99), ms(p.Latency.P99)),
		}
	},
}

// fetchesSoFar counts the database fetches of the one key that have begun,
// and how many of them have landed when some are still under way: the
// duplicates count every fetch as it begins, so the sentence counts the same
// fetches ("25 database fetches of the one key so far, 16 answered and 9
// under way").
func fetchesSoFar(begun, landed int64) string {
	n := count(int(begun)) + " database fetches of the one key"
	if begun == 1 {
		n = "1 database fetch of the one key"
	}
	if landed == begun {
		return n
	}
	return fmt.Sprintf("%s so far, %s answered and %s under way", n, count(int(landed)), count(int(begun-landed)))
}
