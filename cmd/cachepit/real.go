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
	register("real", "the post's app for real: pre-forked workers, local caches or Memcached", runReal)
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
	what := fmt.Sprintf("each with its own LRU cache of %d", cfg.Worker.Cache)
	switch cfg.Worker.Mode {
	case "shared":
		what = "sharing Memcached at " + cfg.Worker.Shared
	case "tiered":
		what = fmt.Sprintf("each with an LRU cache of %d in front of Memcached at %s", cfg.Worker.Cache, cfg.Worker.Shared)
	}
	fmt.Fprintf(stdout, "cachepit real: %d workers %s, listening on %s (Ctrl-C stops)\n", cfg.Workers, what, url)
	fmt.Fprintf(stdout, "try: curl %s/ ; curl %s/get_cache_info ; curl %s/get_cache_info\n", url, url, url)
	if err := m.Serve(ctx); err != nil {
		fmt.Fprintf(stderr, "cachepit real: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "cachepit real: stopped")
	return 0
}

// parseReal turns flags into the server's settings; errors name the flag and its range.
func parseReal(args []string, stdout io.Writer) (prefork.Config, error) {
	c := sim.Default()
	c.Workers, c.Cache = 2, 2 // the post: gunicorn -w 2, @lru_cache(maxsize=2)
	fs := flag.NewFlagSet("real", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8000", "address to listen on")
	shared := fs.String("shared", "", "memcached://HOST:PORT: the workers share this Memcached (mode shared, or tiered with --mode tiered)")
	delay := fs.Duration("origin-delay", 5*time.Millisecond, "time an origin read or write takes, 0s..10s")
	grace := fs.Duration("grace", 10*time.Second, "time workers get to finish their requests at shutdown, 1s..5m")
	simflag.Register(fs, &c, "workers", "cache", "mode", "max-requests", "max-requests-jitter")
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
	var host string
	if *shared != "" {
		h, err := cache.ParseAddr(*shared)
		if err != nil {
			return prefork.Config{}, err
		}
		host = h
		if !modeSet {
			c.Mode = "shared"
		}
	}
	switch {
	case c.Mode == "local" && host != "":
		return prefork.Config{}, errors.New("--mode local contradicts --shared: drop one of them")
	case c.Mode != "local" && host == "":
		return prefork.Config{}, fmt.Errorf("--mode %s needs --shared memcached://HOST:PORT", c.Mode)
	case *delay < 0 || *delay > 10*time.Second:
		return prefork.Config{}, fmt.Errorf("--origin-delay must be between 0s and 10s, got %v", *delay)
	case *grace < time.Second || *grace > 5*time.Minute:
		return prefork.Config{}, fmt.Errorf("--grace must be between 1s and 5m, got %v", *grace)
	}
	return prefork.Config{
		Addr:        *addr,
		Workers:     c.Workers,
		OriginDelay: *delay,
		Worker: worker.Options{
			Mode: c.Mode, Cache: c.Cache, Shared: host,
			MaxRequests: c.MaxRequests, MaxRequestsJitter: c.MaxRequestsJitter, Grace: *grace,
		},
	}, nil
}
