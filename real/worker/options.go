package worker

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cachepit/cachepit/real/cache"
	"github.com/cachepit/cachepit/sim"
)

// Options are a worker's settings, passed by the master on its command line.
type Options struct {
	Settings     sim.Config    // the engine's settings this server follows: workers, threads, cache, mode, max-requests
	Shared       string        // the shared cache's URL (cache.ParseAddr); "" in local mode
	CacheTimeout time.Duration // one shared-cache operation; past it the request goes to the origin
	Grace        time.Duration // time requests in flight get to finish at shutdown
	WorkerClass  string        // how a worker takes connections: AcceptSync or AcceptGo

	Slot    int    // worker slot, 0-based (set by the master)
	Control string // the master's Unix socket (set by the master)
	Prefix  string // shared-cache key prefix of this run (set by the master)
}

// Modes are the engine's modes (sim.Modes) a real worker runs. One cachepit
// real is one host, so --shared is the cache its workers share: in modes
// host and tiered-host it plays the host cache (Memcached on localhost),
// which is what it is when several cachepit real hosts run behind nginx.
var Modes = []string{"local", "shared", "tiered", "host", "tiered-host"}

// modeCache says what --shared is in each mode that needs it.
var modeCache = map[string]string{
	"shared":      "the cache every worker shares",
	"tiered":      "the shared cache behind each worker's own LRU",
	"host":        "the host's cache, shared by its workers",
	"tiered-host": "the host's cache behind each worker's own LRU",
}

// Limits on the settings that are not the engine's.
const (
	MaxCacheTimeout = 10 * time.Second
	MinGrace        = time.Second
	MaxGrace        = 5 * time.Minute
	MaxThreads      = 64
)

// Check reports the first setting out of range, naming the flag of
// 'cachepit real'; the engine's settings are checked by sim.Config.Validate.
func (o Options) Check() error {
	if err := o.Settings.Validate(); err != nil {
		return err
	}
	c := o.Settings
	if !slices.Contains(Modes, c.Mode) {
		return fmt.Errorf("--mode %s is the engine's, but real workers run only %s", c.Mode, strings.Join(Modes, ", "))
	}
	if o.Shared == "" {
		if c.Mode != "local" {
			return fmt.Errorf("--mode %s needs --shared memcached://HOST:PORT or redis://HOST:PORT (%s)", c.Mode, modeCache[c.Mode])
		}
	} else {
		if _, err := cache.ParseAddr(o.Shared); err != nil {
			return err
		}
		if c.Mode == "local" {
			return errors.New("--mode local contradicts --shared: drop one of them")
		}
	}
	switch {
	case !slices.Contains(AcceptModes, o.WorkerClass):
		return fmt.Errorf("--worker-class must be one of %s, got %q", strings.Join(AcceptModes, ", "), o.WorkerClass)
	case c.Threads > MaxThreads: // the engine allows more; a real worker holds each one
		return fmt.Errorf("--threads must be between 1 and %d, got %d", MaxThreads, c.Threads)
	case c.Threads > 1 && o.WorkerClass != AcceptSync:
		return fmt.Errorf("--threads %d needs --worker-class sync (a go worker serves any number of requests at once)", c.Threads)
	case o.CacheTimeout < time.Millisecond || o.CacheTimeout > MaxCacheTimeout:
		return fmt.Errorf("--cache-timeout must be between 1ms and %v, got %v", MaxCacheTimeout, o.CacheTimeout)
	case o.Grace < MinGrace || o.Grace > MaxGrace:
		return fmt.Errorf("--grace must be between %v and %v, got %v", MinGrace, MaxGrace, o.Grace)
	}
	return nil
}

// Args encodes o as the worker command's arguments: the engine's settings
// travel as their URL query (sim.Config.Query), the one encoding ParseQuery reads.
func (o Options) Args() []string {
	return []string{
		"--config=" + o.Settings.Query(), "--shared=" + o.Shared, "--cache-timeout=" + o.CacheTimeout.String(),
		"--grace=" + o.Grace.String(), "--worker-class=" + o.WorkerClass, "--slot=" + strconv.Itoa(o.Slot), "--control=" + o.Control, "--prefix=" + o.Prefix,
	}
}

// ParseArgs reads what Args wrote. The master has checked the settings;
// the worker only decodes them.
func ParseArgs(args []string) (Options, error) {
	var o Options
	var query string
	fs := flag.NewFlagSet("real-worker", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&query, "config", "", "the engine's settings as a URL query")
	fs.StringVar(&o.Shared, "shared", "", "the shared cache's URL")
	fs.DurationVar(&o.CacheTimeout, "cache-timeout", 0, "one shared-cache operation")
	fs.DurationVar(&o.Grace, "grace", 0, "time to finish requests at shutdown")
	fs.StringVar(&o.WorkerClass, "worker-class", "", "sync or go")
	fs.IntVar(&o.Slot, "slot", 0, "worker slot")
	fs.StringVar(&o.Control, "control", "", "the master's Unix socket")
	fs.StringVar(&o.Prefix, "prefix", "", "shared-cache key prefix")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	o.Settings, err = sim.ParseQuery(query)
	return o, err
}
