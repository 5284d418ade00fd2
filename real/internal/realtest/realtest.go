// Package realtest runs a real pre-fork server inside a test, with the test
// binary itself as the worker executable.
package realtest

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/prefork"
	"github.com/cachepit/cachepit/real/worker"
	"github.com/cachepit/cachepit/sim"
)

const asWorker = "CACHEPIT_TEST_AS_WORKER"

// Main runs the tests, or a worker when the master re-executed the test
// binary. Call it from TestMain.
func Main(m *testing.M) {
	if os.Getenv(asWorker) == "1" {
		os.Exit(worker.Main(os.Args[1:], os.Stderr))
	}
	os.Exit(m.Run())
}

// Command runs the test binary as a worker.
func Command(args []string) prefork.Command {
	// A race-enabled binary sleeps 1 s at exit by default; workers exit often in tests.
	env := append(os.Environ(), asWorker+"=1", "GORACE=atexit_sleep_ms=0")
	return prefork.Command{Path: os.Args[0], Args: append([]string{os.Args[0]}, args...), Env: env}
}

// Serve starts a server on a free loopback port, stopped when the test
// ends, and returns its base URL.
func Serve(t *testing.T, cfg prefork.Config) string {
	t.Helper()
	base, _ := Start(t, cfg)
	return base
}

// Start is Serve with a stop function for a test that stops the server
// itself; stopping twice is harmless.
func Start(t *testing.T, cfg prefork.Config) (base string, stop func()) {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	return start(t, cfg)
}

// Hosts starts n servers of workers o at sim.HostAddr(0..n-1), 127.0.0.1:8001
// on, where the engine's keyhash ring puts its hosts, and returns their
// HOST:PORT; with oneDB every host uses the first one's database, which its
// master serves apart from its workers (--origin-addr), as a database
// server would. A port
// already taken skips the test (fails it when CI=true).
func Hosts(t *testing.T, n int, o worker.Options, oneDB bool) []string {
	t.Helper()
	addrs := make([]string, n)
	for h := range addrs {
		addrs[h] = sim.HostAddr(h)
		ln, err := net.Listen("tcp", addrs[h])
		if err != nil {
			msg := fmt.Sprintf("%s is taken (%v): the engine's keyhash ring puts hosts at 127.0.0.1:8001..; stop what listens there to run this test", addrs[h], err)
			if os.Getenv("CI") == "true" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
		ln.Close()
	}
	db := ""
	for h, a := range addrs {
		cfg := prefork.Config{Addr: a, Worker: o}
		switch {
		case oneDB && h == 0:
			cfg.OriginAddr = "127.0.0.1:0"
		case oneDB:
			cfg.Origin = db
		}
		m, _ := startMaster(t, cfg)
		if h == 0 && oneDB {
			db = "http://" + m.OriginAddr().String()
		}
	}
	return addrs
}

func start(t *testing.T, cfg prefork.Config) (base string, stop func()) {
	t.Helper()
	m, stop := startMaster(t, cfg)
	return "http://" + m.Addr().String(), stop
}

func startMaster(t *testing.T, cfg prefork.Config) (m *prefork.Master, stop func()) {
	t.Helper()
	cfg.Command, cfg.Log = Command, logger{t}
	if cfg.Worker.Grace == 0 {
		cfg.Worker.Grace = 2 * time.Second
	}
	m, err := prefork.Start(cfg)
	if err != nil {
		t.Fatalf("start the server: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Serve(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("server: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return m, stop
}

// Log returns a writer that logs each write as one line of t's output.
func Log(t *testing.T) io.Writer { return logger{t} }

type logger struct{ t *testing.T }

func (l logger) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// Options are the settings of n workers in mode, with local caches of size
// (or the engine's default) and the shared cache at shared ("" for none).
func Options(n int, mode string, size int, shared string) worker.Options {
	c := sim.Default()
	c.Workers, c.Mode = n, mode
	c.Cost.Origin = 0 // the origin answers at once unless a test sets its delay
	if size > 0 {
		c.Cache = size
	}
	// A generous cache timeout: a busy test machine should not turn a slow
	// answer into a counted error and a hit into a miss.
	return worker.Options{Settings: c, Shared: shared, CacheTimeout: 500 * time.Millisecond}
}
