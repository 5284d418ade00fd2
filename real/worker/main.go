package worker

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/cachepit/cachepit/real/cache"
	"github.com/cachepit/cachepit/real/control"
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
	Slot              int           // worker slot, 0-based
	Control           string        // the master's Unix socket
	Mode              string        // local, shared or tiered
	Cache             int           // local LRU maxsize (unused in shared mode)
	Shared            string        // Memcached HOST:PORT (shared and tiered modes)
	Prefix            string        // Memcached key prefix of this run
	MaxRequests       int           // recycle after this many requests; 0 means never
	MaxRequestsJitter int           // add 0..jitter to MaxRequests
	Grace             time.Duration // time requests in flight get to finish at shutdown
}

// Args formats o as the worker command's flags.
func (o Options) Args() []string {
	return []string{
		"--slot=" + strconv.Itoa(o.Slot), "--control=" + o.Control, "--mode=" + o.Mode,
		"--cache=" + strconv.Itoa(o.Cache), "--shared=" + o.Shared, "--prefix=" + o.Prefix,
		"--max-requests=" + strconv.Itoa(o.MaxRequests), "--max-requests-jitter=" + strconv.Itoa(o.MaxRequestsJitter),
		"--grace=" + o.Grace.String(),
	}
}

func parse(args []string, stderr io.Writer) (Options, error) {
	var o Options
	fs := flag.NewFlagSet("real-worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.Slot, "slot", 0, "worker slot")
	fs.StringVar(&o.Control, "control", "", "the master's Unix socket")
	fs.StringVar(&o.Mode, "mode", "local", "local, shared or tiered")
	fs.IntVar(&o.Cache, "cache", 2, "local LRU maxsize")
	fs.StringVar(&o.Shared, "shared", "", "Memcached HOST:PORT")
	fs.StringVar(&o.Prefix, "prefix", "", "Memcached key prefix")
	fs.IntVar(&o.MaxRequests, "max-requests", 0, "recycle after this many requests")
	fs.IntVar(&o.MaxRequestsJitter, "max-requests-jitter", 0, "add 0..jitter to max-requests")
	fs.DurationVar(&o.Grace, "grace", 10*time.Second, "time to finish requests at shutdown")
	return o, fs.Parse(args)
}

// Main runs one worker process, started by the master with the listening
// socket on ListenerFD and a ready pipe on ReadyFD. It returns the exit status.
func Main(args []string, stderr io.Writer) int {
	o, err := parse(args, stderr)
	if err != nil {
		return 2
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
	served, _ := Limit(o.MaxRequests, o.MaxRequestsJitter, rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano()))), recycle)
	h := NewHandler(c, control.NewClient(o.Control, o.Slot), maxLocal, served)
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
	switch o.Mode {
	case "local":
		l, err := cache.NewLocal(o.Cache)
		return l, o.Cache, err
	case "shared":
		m, err := cache.NewMemcached(o.Shared, o.Prefix)
		return m, 0, err
	case "tiered":
		l, err := cache.NewLocal(o.Cache)
		if err != nil {
			return nil, 0, err
		}
		m, err := cache.NewMemcached(o.Shared, o.Prefix)
		return cache.Tiered{Local: l, Shared: m}, o.Cache, err
	}
	return nil, 0, fmt.Errorf("mode must be local, shared or tiered, got %q", o.Mode)
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
