package worker

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/cachepit/cachepit/real/cache"
	"github.com/cachepit/cachepit/real/control"
	"github.com/cachepit/cachepit/sim"
)

// File descriptors a worker inherits from the master (ExtraFiles start at 3).
const (
	ListenerFD = 3 // the one listening socket every worker accepts on
	ReadyFD    = 4 // written once the worker is about to accept
)

// Exit statuses a worker reports to the master.
const (
	ExitOK        = 0 // stopped on SIGTERM or recycled after max-requests
	ExitBootError = 3 // could not start: the master gives up rather than loop
)

// Options are a worker's settings, passed by the master on its command line.
type Options struct {
	Settings     sim.Config    // the engine's settings this server follows: workers, cache, mode, max-requests
	Shared       string        // the shared cache's URL (cache.ParseAddr); "" in local mode
	CacheTimeout time.Duration // one shared-cache operation; past it the request goes to the origin
	Grace        time.Duration // time requests in flight get to finish at shutdown

	Slot    int    // worker slot, 0-based (set by the master)
	Control string // the master's Unix socket (set by the master)
	Prefix  string // shared-cache key prefix of this run (set by the master)
}

// Limits on the settings that are not the engine's.
const (
	MaxCacheTimeout = 10 * time.Second
	MinGrace        = time.Second
	MaxGrace        = 5 * time.Minute
)

// Check reports the first setting out of range, naming the flag of
// 'cachepit real'; the engine's settings are checked by sim.Config.Validate.
func (o Options) Check() error {
	if err := o.Settings.Validate(); err != nil {
		return err
	}
	c := o.Settings
	if o.Shared == "" {
		if c.Mode != "local" {
			return fmt.Errorf("--mode %s needs --shared memcached://HOST:PORT or redis://HOST:PORT", c.Mode)
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
		"--grace=" + o.Grace.String(), "--slot=" + strconv.Itoa(o.Slot), "--control=" + o.Control, "--prefix=" + o.Prefix,
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

// Main runs one worker process, started by the master with the listening
// socket on ListenerFD and a ready pipe on ReadyFD. It returns the exit status.
func Main(args []string, stderr io.Writer) int {
	o, err := ParseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "cachepit worker: %v (workers are started by 'cachepit real')\n", err)
		return ExitBootError
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "cachepit worker %d: %v\n", o.Slot, err)
		return ExitBootError
	}
	c, maxLocal, err := newCache(o)
	if err != nil {
		return fail(err)
	}
	f := os.NewFile(ListenerFD, "listener")
	ln, err := net.FileListener(f)
	f.Close()
	if err != nil {
		return fail(fmt.Errorf("no listening socket on fd %d (workers are started by 'cachepit real'): %w", ListenerFD, err))
	}
	// Ctrl-C reaches the whole process group; the master decides what
	// happens, and tells workers with SIGTERM.
	signal.Ignore(os.Interrupt)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	ctx = orphaned(ctx, 250*time.Millisecond)

	recycle := make(chan struct{})
	served, _ := Limit(o.Settings.MaxRequests, o.Settings.MaxRequestsJitter, rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano()))), recycle)
	h := NewHandler(c, control.NewClient(o.Control, o.Slot), maxLocal, served)
	h.Host = ln.Addr().String()
	h.Log = log.New(stderr, fmt.Sprintf("[worker %d pid %d] ", o.Slot, os.Getpid()), 0)
	if r := os.NewFile(ReadyFD, "ready"); r != nil {
		fmt.Fprintln(r, "ready")
		r.Close()
	}
	if err := Serve(ctx, ln, h, recycle, o.Grace); err != nil {
		fmt.Fprintf(stderr, "cachepit worker %d: %v\n", o.Slot, err)
		return 1
	}
	return ExitOK
}

func newCache(o Options) (cache.Cache, int, error) {
	c := o.Settings
	var local *cache.Local
	if c.HasLocal() {
		var err error
		if local, err = cache.NewLocal(c.Cache); err != nil {
			return nil, 0, err
		}
		if !c.HasShared() {
			return local, c.Cache, nil
		}
	}
	a, err := cache.ParseAddr(o.Shared)
	if err != nil {
		return nil, 0, err
	}
	shared, err := cache.Open(a, o.Prefix, o.CacheTimeout)
	if err != nil {
		return nil, 0, err
	}
	if local == nil {
		return shared, 0, nil
	}
	return cache.Tiered{Local: local, Shared: shared}, c.Cache, nil
}

// orphaned returns a context that is done when ctx is, or when this process's
// parent has changed: the master died without stopping its workers. The
// master also asks the kernel for SIGTERM on its death (Pdeathsig), but that
// follows the thread that forked the worker, which Go does not pin.
func orphaned(ctx context.Context, every time.Duration) context.Context {
	parent := os.Getppid()
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if os.Getppid() != parent {
					cancel()
					return
				}
			}
		}
	}()
	return ctx
}
