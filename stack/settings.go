package stack

import (
	"fmt"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// settings are the facts of a sim.Config that the snippets print. from is
// the one place that reads a Config: a new engine setting is one line there.
type settings struct {
	Workers     int    // worker processes
	Threads     int    // threads per worker (gunicorn --threads); 0 leaves the flag out
	Timeout     int    // seconds a worker may stay silent (gunicorn --timeout); 0 leaves the flag out
	MaxRequests int    // recycle after this many requests; 0: never
	Jitter      int    // 0..Jitter added to each worker's MaxRequests
	Preload     bool   // build the app once in the master, before the fork
	Mode        string // local, shared or tiered; a cache per host is shared (or tiered) with PerHost
	PerHost     int    // hosts, when the shared cache is a server on each host (the engine's host modes); 0 otherwise
	Cache       int    // entries in each process's cache
	Shared      int    // entries in the shared cache
	TTL         int    // seconds an entry of a process's own cache lives; 0: until evicted or deleted. The engine's shared and host caches have none: their code sets none
	Keys        int    // distinct keys
	Writes      bool   // some requests change the data
	KeyHash     bool   // a balancer routes each key to one process
	Coalesce    string // stampede protection: none, worker (single flight per process) or shared (a lock in the shared cache)
	FailOpen    bool   // the shared cache has an outage: its client must fail open
}

func from(c sim.Config) settings {
	s := fromConfig(c)
	switch c.Mode { // a cache per host is the same code as a shared cache, pointed at the host's own server
	case "host":
		s.Mode, s.PerHost, s.Shared = "shared", max(c.Hosts, 1), c.HostSize()
	case "tiered-host":
		s.Mode, s.PerHost, s.Shared = "tiered", max(c.Hosts, 1), c.HostSize()
	}
	return s
}

func fromConfig(c sim.Config) settings {
	return settings{
		Workers:     c.Workers,
		Threads:     c.Threads,
		Timeout:     int((c.Timeout + 999_999) / 1_000_000), // µs in the engine; whole seconds, rounded up, as gunicorn and Puma take them
		MaxRequests: c.MaxRequests,
		Jitter:      c.MaxRequestsJitter,
		Preload:     c.Preload,
		Mode:        c.Mode,
		Cache:       c.Cache,
		Shared:      c.SharedSize(),
		TTL:         int((c.TTL + 999_999) / 1_000_000), // µs in the engine; whole seconds, rounded up, in the snippets
		Keys:        c.Keys,
		Writes:      c.Writes > 0,
		KeyHash:     c.Balancer == "keyhash",
		Coalesce:    c.Coalesce,
		FailOpen:    strings.Contains(c.Outage, "shared@"),
	}
}

func (s settings) summary() string {
	out := fmt.Sprintf("%d worker processes, %s", s.Workers, modeWords(s))
	if s.TTL > 0 {
		out += fmt.Sprintf(", TTL %d s in each process's cache", s.TTL)
	}
	if s.MaxRequests > 0 {
		out += fmt.Sprintf(", recycled every %d requests", s.MaxRequests)
		if s.Jitter > 0 {
			out += fmt.Sprintf(" (+0..%d)", s.Jitter)
		}
	}
	if s.Preload {
		out += ", preloaded"
	}
	if s.KeyHash {
		out += ", routed by key"
	}
	switch s.Coalesce {
	case "worker":
		out += ", single flight in each process"
	case "shared":
		out += ", a stampede lock in the shared cache"
	}
	if s.FailOpen {
		out += ", the shared cache goes down"
	}
	if !s.Writes {
		out += ", read-only data"
	}
	return out
}

// modeWords names the caches with their sizes as the page's cache control
// does, not by the mode's URL value.
func modeWords(s settings) string {
	switch s.Mode {
	case "shared":
		if s.PerHost > 0 {
			return fmt.Sprintf("a cache of %s on each of %d hosts", entries(s.Shared), s.PerHost)
		}
		return fmt.Sprintf("one shared cache of %s", entries(s.Shared))
	case "tiered":
		if s.PerHost > 0 {
			return fmt.Sprintf("a cache of %s in each in front of a cache of %s on each of %d hosts", entries(s.Cache), entries(s.Shared), s.PerHost)
		}
		return fmt.Sprintf("a cache of %s in each in front of a shared cache of %s", entries(s.Cache), entries(s.Shared))
	}
	return fmt.Sprintf("a cache of %s in each", entries(s.Cache))
}

func entries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

// Gunicorn is the gunicorn command line for c serving app (such as
// "app:app"), with extra worker options (such as "-k uvicorn.workers.UvicornWorker").
func Gunicorn(c sim.Config, app string, extra ...string) string {
	return gunicorn(from(c), app, extra...)
}

func gunicorn(s settings, app string, extra ...string) string {
	args := []string{"gunicorn", "-w", fmt.Sprint(s.Workers)}
	args = append(args, extra...)
	if s.Threads > 1 {
		args = append(args, "--threads", fmt.Sprint(s.Threads))
	}
	// The engine's timeout 0 never kills a worker. Left out, gunicorn kills
	// one silent for 30 s, which no simulated request comes near; its own
	// --timeout 0 (never) is not advice for production, so it is not written.
	if s.Timeout > 0 {
		args = append(args, "--timeout", fmt.Sprint(s.Timeout))
	}
	if s.MaxRequests > 0 {
		args = append(args, "--max-requests", fmt.Sprint(s.MaxRequests))
		if s.Jitter > 0 {
			args = append(args, "--max-requests-jitter", fmt.Sprint(s.Jitter))
		}
	}
	if s.Preload {
		args = append(args, "--preload")
	}
	return strings.Join(append(args, app), " ")
}

// in is s for code in mode, with the stampede protection that fits it, as
// run.Partner pairs them: a lock in the shared cache beside per-process
// caches with single flight, and single flight beside a shared lock.
func (s settings) in(mode string) settings {
	switch {
	case mode == "local" && s.Coalesce == "shared":
		s.Coalesce = "worker"
	case mode != "local" && s.Mode == "local" && s.Coalesce == "worker":
		s.Coalesce = "shared"
	}
	return s
}

// lock says whether code in mode takes a lock in the shared cache.
func (s settings) lock(mode string) bool { return mode != "local" && s.Coalesce == "shared" }

// failOpen says whether code in mode catches the shared cache's errors.
func (s settings) failOpen(mode string) bool { return mode != "local" && s.FailOpen }

// one is s for a single process, as each port gets when routing by key.
func (s settings) one() settings {
	s.Workers = 1
	return s
}

// routing is the nginx block that sends each key to one process.
func routing(s settings, serve func(settings, int) string) Section {
	var servers, cmds strings.Builder
	for i := range s.Workers {
		fmt.Fprintf(&servers, "    server 127.0.0.1:%d;\n", 8001+i)
		fmt.Fprintf(&cmds, "%s &\n", serve(s.one(), 8001+i))
	}
	conf := fmt.Sprintf(`# nginx: each URL always goes to the same process, so each key is cached once.
upstream app {
    hash $request_uri consistent;
%s}

server {
    listen 80;
    location / {
        proxy_pass http://app;
    }
}
`, servers.String())
	return Section{
		Heading: "Routing each key to one process (nginx in front)",
		Text: []string{
			"One server with N workers cannot route by key: its workers share one listening socket and the kernel hands each connection to whichever worker accepts it first. " +
				fmt.Sprintf("Run %d single-process servers on their own ports instead, and let nginx hash the URL to choose one.", s.Workers),
			"Consistent hashing keeps each key on one process, so there are no copies and no stale reads from other processes; a process that restarts loses its keys' cache, and the others keep theirs.",
		},
		Snippets: []Snippet{
			{Name: "nginx: inside the http block (e.g. /etc/nginx/conf.d/app.conf)", Lang: "nginx", Code: conf},
			{Name: "command line: one process per port", Lang: "shell", Code: cmds.String()},
		},
	}
}

// spot is "How to spot it in production", in the stack's own words.
func spot(s settings, stats string) Section {
	if stats == "" {
		stats = "your cache statistics endpoint"
	}
	return Section{
		Heading: "How to spot it in production",
		Text: []string{
			fmt.Sprintf("- Ask %s several times: with %d worker processes the answers come from different process ids and report different sizes and hit counts.", stats, s.Workers),
			"- The hit ratio drops after every deploy, restart or worker recycle (max-requests), then climbs back while the new processes warm up.",
			"- Reads disagree after a write: right after an update some requests return the new value and others the old one, depending on which process answers.",
			"- Memory per host grows with the number of workers: each process holds its own copy of the same hot keys.",
		},
	}
}

// post reports whether the run is the post's app: one key (a cached function
// without arguments, behind GET /) and no writes. Single flight needs a key
// to wait on, so it keeps the /item/<key> app.
func (s settings) post() bool {
	return s.Keys == 1 && !s.Writes && s.Coalesce != "worker"
}
