package lesson

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
)

// Settings says in words every setting the lesson changes from the
// playground's defaults, so that no setting is known only from its link,
// and the write rate whatever it is: writes are where stale reads come
// from, and a lesson that keeps the default 1% shows them too.
func (l Lesson) Settings() string {
	v, _ := url.ParseQuery(l.Query)
	c := l.Config()
	var out []string
	for _, f := range sim.Fields { // in the order the playground shows them
		if _, ok := v[f.Name]; ok || f.Name == "writes" {
			if w := settingWords(f.Name, c); w != "" {
				out = append(out, w)
			}
		}
	}
	for _, d := range l.Deploys {
		out = append(out, deployWords(d))
	}
	if l.Compare && c.Mode == "local" {
		beside := fmt.Sprintf("beside it, on the identical requests, one shared cache of %s entries", count(c.SharedSize()))
		if p := run.Partner(c); p.Coalesce == "shared" {
			beside += " with a lock (coalesce=shared)"
		}
		out = append(out, beside)
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
			"tiered": "per-worker caches in front of a shared one", "host": "one cache per host (Memcached on localhost), shared by its workers",
			"tiered-host": "per-worker caches in front of a cache per host"}[c.Mode]
	case "hosts":
		return fmt.Sprintf("%d hosts behind the load balancer, each running the workers", c.Hosts)
	case "host-balancer":
		return map[string]string{"roundrobin": "the load balancer sends requests to the hosts in turn (nginx's round robin)",
			"leastconn": "the load balancer picks the host with fewest requests (nginx's least_conn)", "random": "the load balancer picks a host at random",
			"keyhash": "the load balancer routes each key to one host (nginx's hash $request_uri consistent)"}[c.HostBalancer]
	case "host-cache":
		return fmt.Sprintf("each host cache holds %s entries", count(c.HostCache))
	case "outage":
		return outageWords(c.Outage)
	case "max-requests":
		return fmt.Sprintf("max_requests=%d: a worker is replaced after %d requests", c.MaxRequests, c.MaxRequests)
	case "max-requests-jitter":
		return fmt.Sprintf("max_requests_jitter=%d: plus up to %d more, drawn per worker", c.MaxRequestsJitter, c.MaxRequestsJitter)
	case "arrivals":
		if c.Arrivals == "poisson" {
			return fmt.Sprintf("requests arrive at random, %s a second on average, however slow the answers (an open Poisson stream)", count(int(c.Rate)))
		}
		return "each client sends its next request when the previous one is answered"
	case "rate":
		return "" // said with arrivals
	case "clients":
		return fmt.Sprintf("%d clients, each with one request in flight, so the workers are busy", c.Clients)
	case "threads":
		return fmt.Sprintf("%d threads per worker sharing its cache (gunicorn --threads %d)", c.Threads, c.Threads)
	case "cpu":
		return fmt.Sprintf("every request takes %s µs of the application's own work", count(c.Cost.CPU))
	case "cost-origin":
		return fmt.Sprintf("a database fetch takes %s µs", count(c.Cost.Origin))
	case "origin-conns":
		return fmt.Sprintf("the database takes %d connections at once, more fetches wait for one", c.OriginConns)
	case "boot":
		return fmt.Sprintf("a new worker takes %s to boot before it accepts", duration(c.Boot))
	case "ttl":
		return fmt.Sprintf("each worker's entries expire %s after they are stored (TTL)", duration(c.TTL))
	case "coalesce":
		return map[string]string{"none": "no stampede protection",
			"worker": "single flight inside each worker: a thread that misses waits for another thread's fetch of the same key",
			"shared": "a lock in the shared cache: one fetch of a key for all workers, the others wait"}[c.Coalesce]
	case "preload":
		if c.Preload {
			return "gunicorn --preload: the master fills the cache before the fork"
		}
		return "no --preload"
	}
	if name == "deploy-at" {
		return deployWords(run.Deploy{Seq: int64(c.DeployAt), Rolling: c.Rolling})
	}
	f, _ := sim.FieldByName(name)
	return fmt.Sprintf("%s=%s", name, f.Get(c))
}

// deployWords says when a deploy restarts every worker, and how.
func deployWords(d run.Deploy) string {
	if d.Rolling {
		return fmt.Sprintf("a rolling deploy after request %s: workers restart one after another, each once the one before is up", count(int(d.Seq)))
	}
	return fmt.Sprintf("a deploy after request %s restarts every worker at once (gunicorn's HUP)", count(int(d.Seq)))
}

// duration writes µs as the largest unit that keeps it whole: 50000 → "50 ms".
func duration(us int64) string {
	switch {
	case us >= 1e6 && us%1e6 == 0:
		return fmt.Sprintf("%d s", us/1e6)
	case us >= 1000 && us%1000 == 0:
		return fmt.Sprintf("%d ms", us/1000)
	}
	return fmt.Sprintf("%s µs", count(int(us)))
}

// count writes n with thousands separators: 10000 → "10,000".
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// counts writes n things, one or many: counts(1, "key", "keys") is "1 key".
func counts(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}

// outageWords says when caches and hosts are out.
func outageWords(list string) string {
	var out []string
	for _, p := range strings.Split(list, ",") {
		what, from, to, err := sim.OutageSpan(p)
		if err != nil {
			continue
		}
		if what == "shared" {
			what = "the shared cache"
		} else {
			what = "host " + strings.TrimPrefix(what, "host")
		}
		if to == sim.Forever {
			out = append(out, fmt.Sprintf("%s is out from %s of simulated time to the end of the run", what, duration(from)))
			continue
		}
		out = append(out, fmt.Sprintf("%s is out from %s to %s of simulated time", what, duration(from), duration(to)))
	}
	return strings.Join(out, ", and ")
}
