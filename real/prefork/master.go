package prefork

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/real/cache"
	"github.com/cachepit/cachepit/real/control"
	"github.com/cachepit/cachepit/real/origin"
)

// Master owns the listening socket, the origin, the scoreboard and the workers.
type Master struct {
	cfg         Config
	addr        net.Addr
	lnFile      *os.File // the listening socket, handed to every worker
	lnFD        uintptr  // its descriptor, read once (File.Fd would make it blocking)
	devNull     uintptr  // the workers' stdin
	devNullFile *os.File
	control     *http.Server
	controlAddr string
	db          *http.Server // the database for other hosts, at cfg.OriginAddr; nil without
	dbAddr      net.Addr
	prefix      string
	board       *board.Board

	mu       sync.Mutex
	procs    []*proc // the current process of each slot
	stopping bool
	fatal    chan error // a worker that cannot boot ends Serve
}

// Start checks the settings and the shared cache, listens, and boots every
// worker. On error nothing is left running and the port is free again.
func Start(cfg Config) (m *Master, err error) {
	cfg = cfg.withDefaults()
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if cfg.Worker.Shared != "" {
		a, _ := cache.ParseAddr(cfg.Worker.Shared) // checked above
		c, err := cache.Open(a, "", 10*time.Second)
		if err != nil {
			return nil, err
		}
		err = c.Check()
		c.Close()
		if err != nil {
			return nil, err
		}
	}
	if cfg.Origin != "" {
		if err := origin.NewRemote(cfg.Origin).Check(); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("%s is already in use (is another server running?): stop it or choose another --addr", cfg.Addr)
		}
		return nil, fmt.Errorf("cannot listen on %s: %w", cfg.Addr, err)
	}
	m = &Master{cfg: cfg, addr: ln.Addr(), procs: make([]*proc, cfg.Worker.Settings.Workers), fatal: make(chan error, 1)}
	m.lnFile, err = ln.(*net.TCPListener).File()
	ln.Close() // the master never accepts; its copy in lnFile keeps the socket open
	if err != nil {
		return nil, fmt.Errorf("listening socket: %w", err)
	}
	if rc, err := m.lnFile.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) { m.lnFD = fd })
	}
	if m.devNullFile, err = os.Open(os.DevNull); err != nil {
		m.lnFile.Close()
		return nil, err
	}
	m.devNull = m.devNullFile.Fd()
	defer func() {
		if err != nil {
			m.shutdown()
		}
	}()
	if err := m.startControl(); err != nil {
		return m, err
	}
	for slot := range m.procs {
		p, err := m.spawn(slot)
		if err != nil {
			return m, err
		}
		m.mu.Lock()
		m.procs[slot] = p
		m.mu.Unlock()
		m.board.Started(slot, p.pid(), false)
		m.logf("booted worker %d (pid %d)", slot, p.pid())
	}
	return m, nil
}

// Addr is the address the server listens on.
func (m *Master) Addr() net.Addr { return m.addr }

// PID returns the process id serving slot now.
func (m *Master) PID(slot int) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.procs[slot].pid()
}

// Serve watches the workers, replacing any that exits, until ctx is done;
// then it stops them gracefully. It returns an error only if a replacement
// could not boot.
func (m *Master) Serve(ctx context.Context) error {
	var wg sync.WaitGroup
	for slot := range m.procs {
		wg.Go(func() { m.watch(ctx, slot) })
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-m.fatal:
	}
	m.logf("shutting down: workers finish their requests")
	m.shutdown()
	wg.Wait()
	return err
}

// watch waits for slot's process to exit and boots its replacement.
func (m *Master) watch(ctx context.Context, slot int) {
	quick := 0 // consecutive deaths within a second of booting
	for {
		m.mu.Lock()
		p := m.procs[slot]
		m.mu.Unlock()
		select {
		case <-p.done:
		case <-ctx.Done():
			return
		}
		err := p.err
		m.mu.Lock()
		stopping := m.stopping
		m.mu.Unlock()
		if stopping {
			return
		}
		why := "recycled after max-requests"
		if err != nil {
			why = "died: " + err.Error()
		}
		if p.ended.Sub(p.booted) < time.Second && err != nil {
			quick++
		} else {
			quick = 0
		}
		if quick >= 5 {
			m.fail(fmt.Errorf("worker %d died 5 times in a row right after booting; giving up", slot))
			return
		}
		if quick > 0 {
			select { // back off instead of spinning on a crashing worker
			case <-ctx.Done():
				return
			case <-time.After(time.Duration(quick) * 200 * time.Millisecond):
			}
		}
		next, err := m.replace(slot)
		if err != nil {
			m.fail(err)
			return
		}
		if next == nil { // shutdown began while booting
			return
		}
		m.logf("worker %d (pid %d) %s; booted pid %d", slot, p.pid(), why, next.pid())
	}
}

func (m *Master) replace(slot int) (*proc, error) {
	p, err := m.spawn(slot)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stopping {
		if p != nil {
			p.stop(m.cfg.Worker.Grace)
		}
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m.procs[slot] = p
	m.board.Started(slot, p.pid(), true)
	return p, nil
}

func (m *Master) fail(err error) {
	select {
	case m.fatal <- err:
	default:
	}
}

// shutdown sends SIGTERM to every worker, waits for them (SIGKILL after the
// grace period), and closes the socket and the control server.
func (m *Master) shutdown() {
	m.mu.Lock()
	m.stopping = true
	procs := append([]*proc(nil), m.procs...)
	m.mu.Unlock()
	var wg sync.WaitGroup
	for _, p := range procs {
		if p != nil {
			wg.Go(func() { p.stop(m.cfg.Worker.Grace) })
		}
	}
	wg.Wait()
	if m.control != nil {
		m.control.Close()
	}
	if m.db != nil {
		m.db.Close()
	}
	m.lnFile.Close()
	m.devNullFile.Close()
}

func (m *Master) startControl() error {
	var b [6]byte
	rand.Read(b[:])
	m.prefix = "cachepit:" + hex.EncodeToString(b[:]) + ":"
	m.controlAddr = fmt.Sprintf("@cachepit-%d-%x", os.Getpid(), b)
	ln, err := net.Listen("unix", m.controlAddr)
	if err != nil {
		return fmt.Errorf("control socket: %w", err)
	}
	m.board = board.New(m.cfg.Worker.Settings, m.cfg.Worker.Shared)
	own := origin.New(time.Duration(m.cfg.Worker.Settings.Cost.Origin) * time.Microsecond)
	own.Prefix = m.prefix
	var db origin.Store = own
	if m.cfg.Origin != "" {
		// Another host's database, and so its shared caches' entries.
		db = origin.NewRemote(m.cfg.Origin)
		if m.prefix, err = db.CachePrefix(); err != nil {
			ln.Close()
			return err
		}
		m.board.SetOrigin(m.cfg.Origin)
	}
	m.control = &http.Server{Handler: control.Handler(db, m.board)}
	go m.control.Serve(ln)
	if m.cfg.OriginAddr != "" {
		dl, err := net.Listen("tcp", m.cfg.OriginAddr)
		if err != nil {
			return fmt.Errorf("--origin-addr: cannot listen on %s: %w", m.cfg.OriginAddr, err)
		}
		m.dbAddr = dl.Addr()
		m.board.SetOriginAddr(m.dbAddr.String())
		m.db = &http.Server{Handler: origin.Handler(own)}
		go m.db.Serve(dl)
	}
	return nil
}

// OriginAddr is where the master serves the database to other hosts, or nil.
func (m *Master) OriginAddr() net.Addr { return m.dbAddr }

func (m *Master) logf(format string, args ...any) {
	fmt.Fprintf(m.cfg.Log, "[master %d] %s\n", os.Getpid(), fmt.Sprintf(format, args...))
}
