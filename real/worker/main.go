package worker

import (
	"context"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"os"
	"os/signal"
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
	ln, err := listen(o)
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

// newCache builds the worker's cache for its mode. One cachepit real is one
// host, so the cache at --shared is the one its workers share: the shared
// cache in modes shared and tiered, the host cache in host and tiered-host
// (the same Memcached or Redis; Options.Check refuses any other mode).
func newCache(o Options) (cache.Cache, int, error) {
	c := o.Settings
	var local *cache.Local
	if c.HasLocal() {
		var err error
		if local, err = cache.NewLocal(c.Cache); err != nil {
			return nil, 0, err
		}
		if !c.HasShared() && !c.HasHost() {
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

// listen takes the socket on ListenerFD as o.WorkerClass says.
func listen(o Options) (net.Listener, error) {
	if o.WorkerClass == AcceptGo {
		f := os.NewFile(ListenerFD, "listener")
		defer f.Close()
		return net.FileListener(f)
	}
	sa, err := syscall.Getsockname(ListenerFD)
	if err != nil {
		return nil, err
	}
	var addr net.Addr
	switch sa := sa.(type) {
	case *syscall.SockaddrInet4:
		addr = &net.TCPAddr{IP: net.IP(sa.Addr[:]), Port: sa.Port}
	case *syscall.SockaddrInet6:
		addr = &net.TCPAddr{IP: net.IP(sa.Addr[:]), Port: sa.Port}
	default:
		return nil, fmt.Errorf("fd %d is not a TCP socket", ListenerFD)
	}
	return newSyncListener(ListenerFD, addr, o.Settings.Threads)
}
