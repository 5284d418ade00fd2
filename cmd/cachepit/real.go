//go:build !wasm

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cachepit/cachepit/internal/simflag"
	"github.com/cachepit/cachepit/real/cache"
	"github.com/cachepit/cachepit/real/prefork"
	"github.com/cachepit/cachepit/real/worker"
	"github.com/cachepit/cachepit/sim"
)

func init() {
	register("real", "the post's app for real: pre-forked workers, local caches, Memcached or Redis", runReal)
	register("real-worker", "", func(args []string, _, stderr io.Writer) int { return worker.Main(args, stderr) })
}

func runReal(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseReal(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "cachepit real: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg.Log = stderr
	m, err := prefork.Start(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "cachepit real: %v\n", err)
		return 1
	}
	url := "http://" + m.Addr().String()
	c, w := cfg.Worker.Settings, cfg.Worker
	what := fmt.Sprintf("each with its own LRU cache of %d", c.Cache)
	if w.Shared != "" {
		a, _ := cache.ParseAddr(w.Shared) // checked by parseReal
		switch c.Mode {
		case "tiered":
			what = fmt.Sprintf("each with an LRU cache of %d in front of %s", c.Cache, a.Name())
		case "host":
			what = "sharing " + a.Name() + " as this host's cache"
		case "tiered-host":
			what = fmt.Sprintf("each with an LRU cache of %d in front of this host's cache, %s", c.Cache, a.Name())
		default:
			what = "sharing " + a.Name()
		}
	}
	if cfg.Origin != "" {
		what += ", the database at " + cfg.Origin
	}
	if a := m.OriginAddr(); a != nil {
		what += ", serving its database to other hosts at http://" + a.String()
	}
	fmt.Fprintf(stdout, "cachepit real: %d workers %s, listening on %s (Ctrl-C stops)\n", c.Workers, what, url)
	fmt.Fprintf(stdout, "try: curl %s/ ; curl %s/get_cache_info ; curl %s/get_cache_info\n", url, url, url)
	if err := m.Serve(ctx); err != nil {
		fmt.Fprintf(stderr, "cachepit real: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "cachepit real: stopped")
	return 0
}

// parseReal turns flags into the server's settings: the engine's own
// (workers, threads, cache, mode, max-requests) in a sim.Config, the rest beside it.
// Errors name the flag and its range.
func parseReal(args []string, stdout io.Writer) (prefork.Config, error) {
	c := sim.Default()
	c.Workers, c.Cache = 2, 2 // the post: gunicorn -w 2, @lru_cache(maxsize=2)
	fs := flag.NewFlagSet("real", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8000", "address to listen on")
	shared := fs.String("shared", "", "the workers share this cache (mode shared, or tiered with --mode tiered):\nmemcached://HOST:PORT, a pool memcached://HOST1:PORT1,HOST2:PORT2, or redis://HOST:PORT[/DB]")
	timeout := fs.Duration("cache-timeout", prefork.DefaultCacheTimeout, "how long one shared-cache operation may take before the request goes to the origin, 1ms..10s")
	delay := fs.Duration("origin-delay", 5*time.Millisecond, "time an origin read or write takes (the engine's cost-origin), 0s..10s")
	originURL := fs.String("origin", "", "use the database of the cachepit real at this URL (http://127.0.0.1:8001) instead of this server's own,\nso that several hosts behind nginx share one database; its --origin-delay applies")
	originAddr := fs.String("origin-addr", "", "also serve this server's database to other hosts at HOST:PORT, from the master, every request at once\n(as a database server does; they use --origin http://HOST:PORT). Without it they reach it through --addr,\nwhose workers serve one request at a time, so every request of theirs waits for one of this host's workers")
	grace := fs.Duration("grace", 10*time.Second, "time workers get to finish their requests at shutdown, 1s..5m")
	class := fs.String("worker-class", worker.AcceptSync, "how a worker takes connections: sync (gunicorn's sync worker: one request at a time, or --threads at once)\nor go (Go's net/http server: any number at once, through the runtime's poller)")
	simflag.Register(fs, &c, "workers", "threads", "cache", "mode", "max-requests", "max-requests-jitter")
	fs.Usage = func() {} // the flag package calls it on every error; help is printed below
	help := func() {
		fmt.Fprintln(stdout, "usage: cachepit real [flags]\n\nA pre-fork server like gunicorn's running the post's app: / and /get_cache_info,\nplus GET and PUT /item/{key} and /stats.\n\nflags:")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			help()
		}
		return prefork.Config{}, err
	}
	if fs.NArg() > 0 {
		return prefork.Config{}, fmt.Errorf("unexpected argument %q (flags only; see 'cachepit real -h')", fs.Arg(0))
	}
	modeSet := false
	fs.Visit(func(f *flag.Flag) { modeSet = modeSet || f.Name == "mode" })
	if *shared != "" && !modeSet {
		c.Mode = "shared"
	}
	c.Cost.Origin = int(delay.Microseconds()) // the engine's cost-origin, written as a duration
	cfg := prefork.Config{
		Addr: *addr, Origin: *originURL, OriginAddr: *originAddr,
		Worker: worker.Options{Settings: c, Shared: *shared, CacheTimeout: *timeout, Grace: *grace,
			WorkerClass: *class},
	}
	return cfg, cfg.Check()
}
