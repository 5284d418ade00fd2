//go:build !wasm

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cachepit/cachepit/internal/simflag"
	"github.com/cachepit/cachepit/real/load"
	"github.com/cachepit/cachepit/sim"
)

func init() {
	register("load", "drive a 'cachepit real' server with the engine's requests; measured vs predicted", runLoad)
}

// loadFields are the workload settings; the server's own come from its /stats.
var loadFields = []string{"keys", "dist", "alpha", "hot-keys", "hot-traffic", "writes", "seed", "warmup", "requests", "shared-cache"}

func runLoad(args []string, stdout, stderr io.Writer) int {
	c := sim.Default()
	c.Requests = 2000 // each request is a real round trip; the engine's 100,000 would take minutes
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	target := fs.String("target", "http://127.0.0.1:8000", "URL of a running 'cachepit real' server")
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
	sharedSet := false
	fs.Visit(func(f *flag.Flag) { sharedSet = sharedSet || f.Name == "shared-cache" })
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	r, err := load.Run(ctx, load.Options{Target: *target, Config: c, SharedSet: sharedSet, Timeout: *timeout})
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
