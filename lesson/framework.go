package lesson

import "fmt"

// frameworkDefault shows the pitfall under the names frameworks give it:
// Django's default cache backend, LocMemCache, is private to each process.
var frameworkDefault = Lesson{
	Slug:    "framework-default",
	Teaches: "Django's, Flask-Caching's and Rails' default caches live in each process too.",
	Title:   "9. Your framework's default cache",
	Prose: []string{
		"Django's cache, when settings.py has no CACHES, is LocMemCache, and Django's documentation says each process has its own private instance. " +
			"Under gunicorn with four workers that is four caches: the pitfall of the post under another name.",
		"Its siblings behave the same: Flask-Caching's SimpleCache, Rails' :memory_store under Puma's cluster mode, a Map or lru-cache under Node's cluster module or PM2. " +
			"Here four workers each hold LocMemCache's default of 300 entries, beside one shared cache (RedisCache) of the same memory on the identical requests.",
		"The model keeps each worker's LocMemCache as an LRU. Django keeps the same LRU order, but when a cache is full it drops its least recently used third at once (its CULL_FREQUENCY), " +
			"so it holds fewer entries than its maximum and hits a little less; at the end of the run the last line below says what Django's own LocMemCache makes of these same requests.",
		"The \"In your app\" panel below prints the settings.py for both and the post_save signal that deletes on write.",
	},
	Query:    "workers=4&cache=300&keys=2000&writes=0.02",
	Compare:  true,
	Requests: 20000,
	Question: "Your post_save signal calls cache.delete(key). Does that stop the stale reads under LocMemCache?",
	Answer: "No. The signal runs in the worker that saved the object and deletes that worker's copy only; the other workers' LocMemCaches never hear of it. " +
		"With CACHES pointing at RedisCache or PyMemcacheCache the same delete reaches every worker.",
	notice: func(r Run) []string {
		st, p := r.Stats, r.Partner
		lines := []string{
			fmt.Sprintf("LocMemCache in each of %s workers: %s hold %s; %s are copies of a key another worker holds too.",
				count(int(r.Config.Workers)), counts(int(st.Memory.Entries), "entry", "entries"), counts(int(st.Memory.Distinct), "different key", "different keys"), count(int(st.Memory.Duplicates))),
			fmt.Sprintf("%s of %s (%s) returned an old value after a save in another worker; the shared cache on the same requests: %s.",
				count(int(st.Total.Stale)), counts(int(st.Total.Reads), "read", "reads"), pct(ratio(st.Total.Stale, st.Total.Reads)), count(int(p.Total.Stale))),
			fmt.Sprintf("Database reads: %s with a cache per process, %s shared; hit ratio %s against %s.",
				count(int(st.Origin.Reads)), count(int(p.Origin.Reads)), pct(st.HitRatio), pct(p.HitRatio)),
		}
		if r.lesson != nil && st.Seq >= r.lesson.End() {
			lines = append(lines, fmt.Sprintf("Replayed through Django's own LocMemCache (Django %s: when full it culls a third, so each held about %s entries on average), these %s requests hit %s, against the model's %s: a little lower, the same pitfall.",
				djangoVersion, count(djangoHeld), count(int(st.Seq)), pct(djangoHit), pct(st.HitRatio)))
		}
		return lines
	},
}

// What Django's LocMemCache makes of lesson 9's requests, measured by
// TestLocMemCacheAgainstDjango (which fails when they no longer hold).
const (
	djangoVersion = "3.2"
	djangoHit     = 0.5310 // hit ratio
	djangoHeld    = 240    // entries per cache, on average, to the nearest ten
)
