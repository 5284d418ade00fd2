package lesson

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// Settings says in words every setting the lesson changes from the
// playground's defaults, so that no setting is known only from its link.
func (l Lesson) Settings() string {
	v, _ := url.ParseQuery(l.Query)
	c := l.Config()
	var out []string
	for _, f := range sim.Fields { // in the order the playground shows them
		if _, ok := v[f.Name]; ok {
			out = append(out, settingWords(f.Name, c))
		}
	}
	if l.Compare && c.Mode == "local" {
		out = append(out, fmt.Sprintf("beside it, on the identical requests, one shared cache of %s entries", count(c.SharedSize())))
	}
	if len(out) == 0 {
		return "Settings: the playground's defaults."
	}
	return "Settings: " + strings.Join(out, "; ") + "."
}

// settingWords says one setting of c in words, naming the setting as
// gunicorn or functools would where they have a name for it.
func settingWords(name string, c sim.Config) string {
	switch name {
	case "workers":
		return fmt.Sprintf("%d workers (gunicorn --workers %d)", c.Workers, c.Workers)
	case "cache":
		return fmt.Sprintf("lru_cache(maxsize=%d) in each worker", c.Cache)
	case "keys":
		if c.Keys == 1 {
			return "1 key: the cached function takes no arguments"
		}
		return fmt.Sprintf("%s different keys", count(c.Keys))
	case "dist":
		return map[string]string{"uniform": "every key equally popular", "zipf": "a few keys very popular (Zipf)",
			"hotset": "a hot set of keys", "scan": "keys requested in a sweep"}[c.Dist]
	case "writes":
		if c.Writes == 0 {
			return "no writes: the data never changes"
		}
		return fmt.Sprintf("%g%% of requests are writes", 100*c.Writes)
	case "balancer":
		if c.Balancer == "keyhash" {
			return "the balancer routes each key to one worker (consistent hashing)"
		}
		return "balancer " + c.Balancer
	case "mode":
		return map[string]string{"local": "a cache per worker", "shared": "one shared cache (Memcached style)",
			"tiered": "per-worker caches in front of a shared one"}[c.Mode]
	case "max-requests":
		return fmt.Sprintf("max_requests=%d: a worker is replaced after %d requests", c.MaxRequests, c.MaxRequests)
	case "max-requests-jitter":
		return fmt.Sprintf("max_requests_jitter=%d: plus up to %d more, drawn per worker", c.MaxRequestsJitter, c.MaxRequestsJitter)
	case "preload":
		if c.Preload {
			return "gunicorn --preload: the master fills the cache before the fork"
		}
		return "no --preload"
	}
	f, _ := sim.FieldByName(name)
	return fmt.Sprintf("%s=%s", name, f.Get(c))
}

// count writes n with thousands separators: 10000 → "10,000".
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
