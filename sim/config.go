package sim

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Config describes one simulated deployment and its workload.
// The zero value is not valid; start from Default.
type Config struct {
	Workers           int     // worker processes, 1..256
	Cache             int     // each worker's LRU maxsize, 1..1,000,000
	Keys              int     // distinct keys requested, 1..10,000,000
	Dist              string  // key popularity: uniform, zipf, hotset or scan
	Alpha             float64 // zipf exponent, (0, 5]
	HotKeys           float64 // hotset: fraction of keys that are hot, (0, 1)
	HotTraffic        float64 // hotset: fraction of requests that go to hot keys, (0, 1]
	Writes            float64 // fraction of requests that write the key, [0, 1]
	Balancer          string  // accept, roundrobin, leastconn, keyhash or accept-bootorder
	Mode              string  // local, host, shared, tiered or tiered-host
	SharedCache       int     // shared cache maxsize; 0 means Hosts*Workers*Cache
	TTL               int64   // lifetime of a local entry in µs; 0 means forever
	MaxRequests       int     // recycle a worker after this many requests; 0 means never
	MaxRequestsJitter int     // add 0..jitter to each worker's MaxRequests, as gunicorn does
	Preload           bool    // workers start with the same warmed cache, as with --preload
	Seed              uint64  // seeds every random stream
	Warmup            int     // requests run before counting starts
	Requests          int     // requests in a run (used by the CLI and the UI's run-to)
	Cost              Cost    // latency model
	Arrivals          string  // closed (Clients in a loop) or poisson (an open stream at Rate)
	Clients           int     // closed: clients, each with one request outstanding
	Think             int64   // closed: µs a client waits between an answer and its next request
	Rate              float64 // poisson: requests per second
	Threads           int     // requests one worker serves at once, sharing its cache
	Backlog           int     // connections a listen socket holds waiting; more are refused
	OriginConns       int     // connections to the origin; fetches beyond them wait; 0: unlimited
	Boot              int64   // µs a replacement worker takes before it accepts (with Preload, at most a fork's 5 ms)
	Respawn           int64   // µs from a worker's last request to its replacement's fork (the old process's exit, the master's reaping); with Preload too, not on a deploy
	Timeout           int64   // µs a request may run before its worker is killed; 0: never
	DeployAt          int     // restart every worker when this many requests are answered; 0: never
	Rolling           bool    // a deploy restarts workers one after another, not all at once
	Coalesce          string  // stampede protection: none, worker (single-flight per process) or shared (a lock in the shared cache)

	Hosts        int    // hosts, each running Workers workers, 1..64
	HostBalancer string // how requests reach hosts: roundrobin, leastconn, random or keyhash
	HostCache    int    // each host cache's maxsize; 0 means Workers*Cache
	Outage       string // when caches or hosts are out: "shared@1s-2s,host1@3s-4s"; "" for never
}

// Cost is the latency model, in microseconds.
type Cost struct {
	CPU    int // the application's own work in every request
	Local  int // a lookup in the worker's own memory
	Shared int // a round trip to the shared cache
	Origin int // a fetch from (or write to) the origin database
	Host   int // a round trip to the host's own cache (Memcached on localhost)
}

// Limits on the sizes a Config may ask for.
const (
	MaxWorkers  = 256
	MaxCache    = 1_000_000
	MaxKeys     = 10_000_000
	MaxAlpha    = 5
	MaxRequests = 1_000_000_000
	MaxClients  = 100_000
	MaxThreads  = 1024
	MaxBacklog  = 1_000_000
	MaxRate     = 100_000_000
)

// Names accepted by Config.Dist, Config.Balancer and Config.Mode.
var (
	Dists     = []string{"uniform", "zipf", "hotset", "scan"}
	Balancers = []string{"accept", "roundrobin", "leastconn", "keyhash", "accept-bootorder"}
	Modes     = []string{"local", "shared", "tiered", "host", "tiered-host"}
	Arrivals  = []string{"closed", "poisson"}
)

// Default is the playground's starting point: 4 workers behind the kernel's
// accept race, each with a 100-entry cache, over 1,000 zipf-popular keys,
// and one client sending a request as soon as the previous one is answered.
func Default() Config {
	return Config{
		Workers:    4,
		Cache:      100,
		Keys:       1000,
		Dist:       "zipf",
		Alpha:      0.9,
		HotKeys:    0.2,
		HotTraffic: 0.8,
		Writes:     0.01,
		Balancer:   "accept",
		Mode:       "local",
		Seed:       1,
		Requests:   100_000,
		Cost:       Cost{Local: 1, Shared: 500, Origin: 5000, Host: 100},
		Arrivals:   "closed",
		Clients:    1,
		Rate:       1000,
		Threads:    1,
		Backlog:    2048, // gunicorn's default
		Coalesce:   "none",

		Hosts:        1,
		HostBalancer: "roundrobin", // nginx's default
	}
}

// SharedSize is the shared cache's maxsize: SharedCache, or Hosts*Workers*Cache
// (the same total memory as the per-worker caches) when that is 0.
func (c Config) SharedSize() int {
	if c.SharedCache > 0 {
		return c.SharedCache
	}
	return max(c.Hosts, 1) * c.Workers * c.Cache
}

// HasLocal reports whether workers keep their own caches in this mode.
func (c Config) HasLocal() bool { return c.Mode != "shared" && c.Mode != "host" }

// HasShared reports whether this mode has one shared cache for every host.
func (c Config) HasShared() bool { return c.Mode == "shared" || c.Mode == "tiered" }

// Validate reports every setting that is out of range, one per line.
func (c Config) Validate() error {
	var errs []error
	for _, f := range Fields {
		if err := f.check(c); err != nil {
			errs = append(errs, fmt.Errorf("%s %w", f.Name, err))
		}
	}
	if c.Coalesce == "shared" && !c.HasShared() {
		errs = append(errs, fmt.Errorf("coalesce shared needs a shared cache (mode shared or tiered), got mode %s", c.Mode))
	}
	return errors.Join(errs...)
}

func oneOf(v string, allowed []string) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	return fmt.Errorf("must be one of %s, got %q", strings.Join(allowed, ", "), v)
}
