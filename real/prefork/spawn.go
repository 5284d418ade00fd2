package prefork

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// errBoot means a worker exited before it was ready, or never got ready.
var errBoot = errors.New("worker failed to boot")

// proc is one worker process; done is closed once it has exited and its
// output has been copied.
type proc struct {
	p      *os.Process
	booted time.Time
	done   chan struct{}
	err    error     // why it exited (nil for status 0), valid after done
	ended  time.Time // valid after done
}

func (p *proc) pid() int { return p.p.Pid }

// stop asks the worker to finish its requests and exit, and kills it if
// it has not within grace plus a margin.
func (p *proc) stop(grace time.Duration) {
	p.p.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace + 5*time.Second):
		p.p.Kill()
		<-p.done
	}
}

// spawn starts the worker for slot and waits until it is about to accept.
//
// It uses syscall.ForkExec rather than os/exec: os/exec calls Fd on every
// inherited *os.File, which puts the listening socket's file description,
// shared with every running worker, into blocking mode. A worker could then
// sit in a blocking accept that Shutdown cannot interrupt.
func (m *Master) spawn(slot int) (*proc, error) {
	o := m.cfg.Worker
	o.Slot, o.Control, o.Prefix = slot, m.controlAddr, m.prefix
	c := m.cfg.Command(o.Args())
	if c.Env == nil {
		c.Env = os.Environ()
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer pr.Close()
	defer pw.Close()
	out, copied, err := m.output()
	if err != nil {
		return nil, err
	}
	// fds 0-2, then worker.ListenerFD (3) and worker.ReadyFD (4).
	pid, err := syscall.ForkExec(c.Path, c.Args, &syscall.ProcAttr{
		Env:   c.Env,
		Files: []uintptr{m.devNull, out.Fd(), out.Fd(), m.lnFD, pw.Fd()},
		// If the master dies without a chance to stop them, the workers go
		// too (workers also watch for a new parent: this follows a thread).
		Sys: &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM},
	})
	pw.Close()
	if out != m.cfg.Log {
		out.Close() // the child holds the write end now
	}
	if err != nil {
		<-copied
		return nil, fmt.Errorf("start worker %d (%s): %w", slot, c.Path, err)
	}
	proc := &proc{booted: time.Now(), done: make(chan struct{})}
	proc.p, _ = os.FindProcess(pid) // never fails on Unix
	go func() {
		st, err := proc.p.Wait()
		<-copied
		switch {
		case err != nil:
			proc.err = err
		case !st.Success():
			proc.err = errors.New(st.String())
		}
		proc.ended = time.Now()
		close(proc.done)
	}()
	if err := waitReady(pr, m.cfg.BootTimeout); err != nil {
		proc.p.Kill()
		<-proc.done
		return nil, fmt.Errorf("worker %d (pid %d): %w: %v", slot, pid, errBoot, err)
	}
	return proc, nil
}

// output returns where a worker's stdout and stderr go: the log itself when
// it is a file, else a pipe copied into it until copied is closed.
func (m *Master) output() (out *os.File, copied <-chan struct{}, err error) {
	done := make(chan struct{})
	if f, ok := m.cfg.Log.(*os.File); ok {
		close(done)
		return f, done, nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	go func() {
		io.Copy(m.cfg.Log, r)
		r.Close()
		close(done)
	}()
	return w, done, nil
}

// waitReady reads the worker's ready line; EOF means it exited first.
func waitReady(pr *os.File, timeout time.Duration) error {
	pr.SetReadDeadline(time.Now().Add(timeout))
	line, err := bufio.NewReader(pr).ReadString('\n')
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("not ready after %v", timeout)
	case err != nil:
		return errors.New("exited before it was ready (see its message above)")
	case line != "ready\n":
		return fmt.Errorf("said %q instead of ready", line)
	}
	return nil
}
