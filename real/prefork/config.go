// Package prefork is a pre-fork HTTP server like gunicorn's: the master opens
// one listening socket and starts worker processes that all accept on it, so
// the kernel decides which worker gets each connection.
//
//	m, err := prefork.Start(prefork.Config{Addr: "127.0.0.1:8000", Worker: worker.Options{Settings: c, ...}})
//	if err != nil { ... } // nothing was left running
//	err = m.Serve(ctx)    // restarts dead workers until ctx is done
//
// The master also plays the origin database and keeps the scoreboard, so
// that versions, and so stale reads, are the same for every worker.
package prefork

import (
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"time"

	"github.com/cachepit/cachepit/real/worker"
)

// Config describes the server. Its engine settings (workers, threads, cache,
// mode, max-requests, and cost-origin: how long an origin read or write takes)
// are Worker.Settings, a sim.Config, as in the simulation.
type Config struct {
	Addr        string         // TCP address to listen on, e.g. 127.0.0.1:8000
	Worker      worker.Options // every worker's settings; Slot, Control and Prefix are filled in
	BootTimeout time.Duration  // how long a worker may take to start; 0 means 10 s
	Log         io.Writer      // the master's and the workers' log lines; nil means os.Stderr

	// Origin, when set, is another cachepit real (http://HOST:PORT) whose
	// database this server uses instead of its own, so that several hosts
	// behind one balancer share one database, and a write on one host makes
	// the copies on the others stale.
	Origin string

	// OriginAddr, when set, is a TCP address (HOST:PORT; port 0 picks one)
	// at which the master serves this server's database to other hosts
	// (their Origin is http://OriginAddr), every request at once. Without
	// it they reach the database through this server's address, whose
	// workers serve one request at a time, so the other hosts' every
	// request waits for one of this host's workers.
	OriginAddr string

	// Command returns the command that runs one worker with args; nil means
	// this executable's hidden "real-worker" subcommand.
	Command func(args []string) Command
}

// Command is a program to run: Args[0] is its name; nil Env means this
// process's environment.
type Command struct {
	Path string
	Args []string
	Env  []string
}

// WorkerCommand is the default Config.Command.
func WorkerCommand(args []string) Command {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	return Command{Path: exe, Args: append([]string{exe, "real-worker"}, args...)}
}

// DefaultCacheTimeout is how long a worker waits for the shared cache
// before it counts an error and asks the origin.
const DefaultCacheTimeout = 50 * time.Millisecond

// MaxOriginDelay is the longest origin read or write, in µs (the engine's cost-origin).
const MaxOriginDelay = 10_000_000

// Check reports the first setting out of range, naming its flag. Start
// calls it after filling in defaults for what was left zero; a command
// line calls it first, to tell bad usage from a failure to start.
func (c Config) Check() error {
	if d := c.Worker.Settings.Cost.Origin; d < 0 || d > MaxOriginDelay {
		return fmt.Errorf("--origin-delay must be between 0s and 10s, got %v", time.Duration(d)*time.Microsecond)
	}
	if c.Origin != "" {
		u, err := url.Parse(c.Origin)
		if err != nil || u.Scheme != "http" || u.Host == "" || u.Port() == "" || (u.Path != "" && u.Path != "/") {
			return fmt.Errorf("--origin must look like http://127.0.0.1:8001 (another cachepit real), got %q", c.Origin)
		}
	}
	if c.OriginAddr != "" {
		if c.Origin != "" {
			return fmt.Errorf("--origin-addr serves this server's own database; with --origin it has none to serve")
		}
		if _, _, err := net.SplitHostPort(c.OriginAddr); err != nil {
			return fmt.Errorf("--origin-addr must be HOST:PORT, got %q", c.OriginAddr)
		}
	}
	return c.Worker.Check()
}

// withDefaults fills in what was left zero.
func (c Config) withDefaults() Config {
	if c.Log == nil {
		c.Log = os.Stderr
	}
	if c.Command == nil {
		c.Command = WorkerCommand
	}
	if c.BootTimeout <= 0 {
		c.BootTimeout = 10 * time.Second
	}
	if c.Worker.Grace <= 0 {
		c.Worker.Grace = 10 * time.Second
	}
	if c.Worker.WorkerClass == "" {
		c.Worker.WorkerClass = worker.AcceptSync
	}
	// Which worker accepts is the worker class's (real/README.md, "Which worker wins").
	c.Worker.Settings.Balancer = "accept"
	if c.Worker.WorkerClass == worker.AcceptGo {
		c.Worker.Settings.Balancer = "accept-bootorder"
	}
	if c.Worker.CacheTimeout <= 0 {
		c.Worker.CacheTimeout = DefaultCacheTimeout
	}
	return c
}
