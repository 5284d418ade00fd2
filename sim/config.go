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
	Balancer          string  // accept, roundrobin, leastbusy or keyhash
	Mode              string  // local, shared or tiered
	SharedCache       int     // shared cache maxsize; 0 means Workers*Cache
	TTL               int     // lifetime of a local entry in requests; 0 means forever
	MaxRequests       int     // recycle a worker after this many requests; 0 means never
	MaxRequestsJitter int     // add 0..jitter to each worker's MaxRequests, as gunicorn does
	Preload           bool    // workers start with the same warmed cache, as with --preload
	Seed              uint64  // seeds every random stream
	Warmup            int     // requests run before counting starts
	Requests          int     // requests in a run (used by the CLI and the UI's run-to)
	Cost              Cost    // latency model
}

// Cost is the latency model, in microseconds.
type Cost struct {
	Local  int // a lookup in the worker's own memory
	Shared int // a round trip to the shared cache
	Origin int // a fetch from (or write to) the origin database
}

// Limits on the sizes a Config may ask for.
const (
	MaxWorkers  = 256
	MaxCache    = 1_000_000
	MaxKeys     = 10_000_000
	MaxAlpha    = 5
	MaxRequests = 1_000_000_000
)

// Names accepted by Config.Dist, Config.Balancer and Config.Mode.
var (
	Dists     = []string{"uniform", "zipf", "hotset", "scan"}
	Balancers = []string{"accept", "roundrobin", "leastbusy", "keyhash"}
	Modes     = []string{"local", "shared", "tiered"}
)

// Default is the playground's starting point: 4 workers behind the kernel's
// accept race, each with a 100-entry cache, over 1,000 zipf-popular keys.
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
		Cost:       Cost{Local: 1, Shared: 500, Origin: 5000},
	}
}

// SharedSize is the shared cache's maxsize: SharedCache, or Workers*Cache
// (the same total memory as the per-worker caches) when that is 0.
func (c Config) SharedSize() int {
	if c.SharedCache > 0 {
		return c.SharedCache
	}
	return c.Workers * c.Cache
}

// HasLocal reports whether workers keep their own caches in this mode.
func (c Config) HasLocal() bool { return c.Mode != "shared" }

// HasShared reports whether this mode has a shared cache.
func (c Config) HasShared() bool { return c.Mode != "local" }

// Validate reports every setting that is out of range, one per line.
func (c Config) Validate() error {
	var errs []error
	for _, f := range Fields {
		if err := f.check(c); err != nil {
			errs = append(errs, fmt.Errorf("%s %w", f.Name, err))
		}
	}
	return errors.Join(errs...)
}

func oneOf(v string, allowed []string) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	return fmt.Errorf("must be one of %s, got %q", strings.Join(allowed, ", "), v)
}
