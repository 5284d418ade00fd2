package worker

import (
	"errors"
	"net"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Accept disciplines: how a worker takes connections from the shared socket.
const (
	// AcceptSync is gunicorn's sync worker (gthread with Threads > 1): a
	// worker holds at most Threads connections; when one is free it tries
	// accept() at once, and only when nobody is waiting does it sleep in
	// poll() on the socket, racing the other idle workers when it wakes.
	AcceptSync = "sync"
	// AcceptGo is Go's net/http server: any number of connections at once,
	// accepted through the runtime's epoll, which wakes the workers in the
	// order they booted (measured: a boot-order skew, not gunicorn's spread).
	AcceptGo = "go"
)

// AcceptModes lists the disciplines.
var AcceptModes = []string{AcceptSync, AcceptGo}

// syncListener is the listening socket fd as gunicorn's sync worker uses it.
// poll() registers the worker on the socket's wait queue afresh each time, as
// gunicorn's select() does, so no worker keeps a place at its head.
type syncListener struct {
	fd    int
	addr  net.Addr
	slots chan struct{} // one per thread; held while a connection is open

	once   sync.Once
	closed chan struct{}
}

// newSyncListener serves fd (already listening) with threads connections at once.
func newSyncListener(fd int, addr net.Addr, threads int) (*syncListener, error) {
	if err := syscall.SetNonblock(fd, true); err != nil {
		return nil, err
	}
	return &syncListener{fd: fd, addr: addr, slots: make(chan struct{}, threads), closed: make(chan struct{})}, nil
}

// Accept waits for a free thread, then takes a waiting connection, or
// sleeps in poll() until the socket is readable and races for it.
func (l *syncListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.closed:
		return nil, net.ErrClosed
	}
	for {
		select {
		case <-l.closed:
			<-l.slots
			return nil, net.ErrClosed
		default:
		}
		nfd, _, err := syscall.Accept4(l.fd, syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC)
		if err == nil {
			f := os.NewFile(uintptr(nfd), "conn")
			c, err := net.FileConn(f)
			f.Close()
			if err != nil {
				<-l.slots
				return nil, err
			}
			return &slotConn{Conn: c, free: func() { <-l.slots }}, nil
		}
		if !errors.Is(err, syscall.EAGAIN) && !errors.Is(err, syscall.EINTR) && !errors.Is(err, syscall.ECONNABORTED) {
			<-l.slots
			return nil, err
		}
		// Nobody waiting: sleep until the socket is readable (a new
		// connection wakes every idle worker) or the timeout lets us see
		// a shutdown.
		pfd := []unix.PollFd{{Fd: int32(l.fd), Events: unix.POLLIN}}
		if _, err := unix.Poll(pfd, int(100*time.Millisecond/time.Millisecond)); err != nil && !errors.Is(err, syscall.EINTR) {
			<-l.slots
			return nil, err
		}
	}
}

// Close stops Accept; the socket itself stays open for the other workers.
func (l *syncListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *syncListener) Addr() net.Addr { return l.addr }

// slotConn frees its thread when closed.
type slotConn struct {
	net.Conn
	once sync.Once
	free func()
}

func (c *slotConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.free)
	return err
}
