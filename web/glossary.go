package web

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Terms are the words the lessons use that a newcomer may not know, each
// with a one-sentence definition.
var Terms = []struct{ Word, Meaning string }{
	{"lru_cache", "Python's in-process cache decorator: it keeps the most recently used answers, up to maxsize, and drops the least recently used one to make room."},
	{"worker", "one of the processes a pre-fork server such as gunicorn starts; each has its own memory, so its own lru_cache."},
	{"hit ratio", "the share of reads a cache answered; the rest went to the database."},
	{"warm-up", "the first requests after a start or restart, while a cache is still empty and misses most keys; hit ratios settle after it."},
	{"Zipf", "a popularity curve where a few keys get most requests: the k-th most popular key is asked about 1/k^alpha as often as the first."},
	{"p99", "the 99th percentile latency: 99 requests in 100 are at least this fast, 1 in 100 is slower."},
	{"Che's approximation", "a formula that predicts the long-run hit ratio of an LRU cache of a given size from the keys' popularity."},
	{"key hash", "a load balancer that sends every request for a key to the same worker, chosen by hashing the key, so each worker caches only its share."},
	{"TTL", "time to live: how long an entry may be served after it was stored (30s, 5m) before it is dropped and fetched again, which bounds how stale it can get."},
	{"stale read", "a read answered with an old value: another worker wrote a newer one to the database after this cache took its copy."},
}

// glossary lists Terms; on a lesson page it sits folded under the system.
func glossary(open bool) app.UI {
	list := el("dl").Class("glossary-list").Body(app.Range(Terms).Slice(func(i int) app.UI {
		return el("div").Body(el("dt").Text(Terms[i].Word), el("dd").Text(Terms[i].Meaning))
	}))
	if open {
		return el("section").Class("panel glossary").ID("glossary").Aria("labelledby", "glossary-title").Body(
			app.H2().ID("glossary-title").Text("Glossary"), list)
	}
	return el("details").Class("panel glossary").ID("glossary").Body(el("summary").Text("Words used here"), list)
}
