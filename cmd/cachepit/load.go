//go:build !wasm

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/cachepit/cachepit/internal/progress"
	"github.com/cachepit/cachepit/internal/simflag"
	"github.com/cachepit/cachepit/real/load"
	"github.com/cachepit/cachepit/real/nginxconf"
	"github.com/cachepit/cachepit/sim"
)

func init() {
	register("load", "drive a server of cachepit's protocol (cachepit real, make gunicorn-demo) with the engine's requests; measured vs predicted", runLoad)
}

// loadFields are the workload settings and the balancer the engine predicts
// with; the server's own settings come from its /stats.
var loadFields = []string{"keys", "dist", "alpha", "hot-keys", "hot-traffic", "writes", "seed", "warmup", "requests", "shared-cache", "host-cache", "balancer", "host-balancer", "cpu", "think", "boot", "respawn"}

// maxClients bounds --clients: each is a connection in flight.
const maxClients = 256

func runLoad(args []string, stdout, stderr io.Writer) int {
	c := sim.Default()
	c.Requests = 2000 // each request is a real round trip; the engine's 100,000 would take minutes
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	target := fs.String("target", "http://127.0.0.1:8000", "URL of a running server of cachepit's protocol")
	clients := fs.Int("clients", 1, fmt.Sprintf("closed loop: clients each sending its next request when the previous answer arrives, 1..%d", maxClients))
	rate := fs.Float64("rate", 0, "open loop: Poisson arrivals per second instead of clients, (0, 100000]")
	backends := fs.String("backends", "", "the cachepit real hosts behind --target (nginx), as in its server lines and in order:\n127.0.0.1:8001,127.0.0.1:8002 (cachepit nginx-conf --backends); each host's /stats is read,\nand --host-balancer says how nginx picks one")
	asJSON := fs.Bool("json", false, "print the comparison as JSON")
	timeout := fs.Duration("timeout", 10*time.Minute, "give up after this long, 1s..1h")
	simflag.Register(fs, &c, loadFields...)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if *timeout < time.Second || *timeout > time.Hour {
		fmt.Fprintf(stderr, "cachepit load: invalid value %v for flag -timeout: must be between 1s and 1h\n", *timeout)
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case *clients < 1 || *clients > maxClients:
		fmt.Fprintf(stderr, "cachepit load: invalid value %d for flag -clients: must be between 1 and %d\n", *clients, maxClients)
		return 2
	case set["rate"] && (*rate <= 0 || *rate > 100000 || *rate != *rate):
		fmt.Fprintf(stderr, "cachepit load: invalid value %g for flag -rate: must be in (0, 100000]\n", *rate)
		return 2
	case set["rate"] && set["think"]:
		fmt.Fprintln(stderr, "cachepit load: --think is the closed-loop clients' pause; --rate (open loop) has none: drop one of them")
		return 2
	case set["rate"] && set["clients"]:
		fmt.Fprintln(stderr, "cachepit load: --clients (closed loop) and --rate (open loop) contradict: drop one of them")
		return 2
	case set["host-balancer"] && *backends == "":
		fmt.Fprintln(stderr, "cachepit load: --host-balancer is how nginx picks among --backends: list the hosts with --backends")
		return 2
	}
	var hosts []string
	if *backends != "" {
		hosts = strings.Split(*backends, ",")
		if err := nginxconf.CheckBackends(hosts); err != nil {
			fmt.Fprintf(stderr, "cachepit load: %v\n", err)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o := load.Options{Target: *target, Config: c, SharedSet: set["shared-cache"], BalancerSet: set["balancer"], HostCacheSet: set["host-cache"],
		Backends: hosts, HostBalancer: c.HostBalancer, Clients: *clients, Rate: *rate, Timeout: *timeout}
	var bar *progress.Bar // nil with --json, as cachepit sim: silent
	if !*asJSON {
		bar = progress.New(stderr, "requests", c.Warmup+c.Requests)
		o.Progress = func(done, _ int) { bar.Set(done) }
	}
	r, err := load.Run(ctx, o)
	bar.Done()
	if err != nil {
		fmt.Fprintf(stderr, "cachepit load: %v\n", err)
		return 1
	}
	if *asJSON {
		return writeJSON(stdout, stderr, r)
	}
	load.WriteTable(stdout, r)
	return 0
}
