package prefork

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// errBoot means a worker exited before it was ready, or never got ready.
var errBoot = errors.New("worker failed to boot")

// proc is one worker process; done is closed once it has exited.
type proc struct {
	cmd    *exec.Cmd
	booted time.Time
	done   chan struct{}
	err    error     // from Wait, valid after done
	ended  time.Time // valid after done
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

// stop asks the worker to finish its requests and exit, and kills it if
// it has not within grace plus a margin.
func (p *proc) stop(grace time.Duration) {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace + 5*time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

// spawn starts the worker for slot and waits until it is about to accept.
func (m *Master) spawn(slot int) (*proc, error) {
	o := m.cfg.Worker
	o.Slot, o.Control, o.Prefix = slot, m.controlAddr, m.prefix
	cmd := m.cfg.Command(o.Args())
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer pr.Close()
	// ExtraFiles become fds 3 and 4: worker.ListenerFD and worker.ReadyFD.
	cmd.ExtraFiles = []*os.File{m.lnFile, pw}
	cmd.Stdout, cmd.Stderr = m.cfg.Log, m.cfg.Log
	// If the master dies without a chance to stop them, the workers still go.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	err = cmd.Start()
	pw.Close()
	if err != nil {
		return nil, fmt.Errorf("start worker %d: %w", slot, err)
	}
	if err := waitReady(pr, m.cfg.BootTimeout); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("worker %d (pid %d): %w: %v", slot, cmd.Process.Pid, errBoot, err)
	}
	p := &proc{cmd: cmd, booted: time.Now(), done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		p.ended = time.Now()
		close(p.done)
	}()
	return p, nil
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
