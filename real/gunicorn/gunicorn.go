// Package gunicorn runs the reference app beside this file (the post's Flask
// app plus cachepit's protocol) under Debian's real gunicorn.
//
//	s, err := gunicorn.Start(gunicorn.Options{Query: "workers=4&cache=100", Log: os.Stderr})
//	defer s.Stop()
//	// cachepit load --target s.URL
package gunicorn

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The programs the app runs with: Debian's packages gunicorn and python3-flask,
// and util-linux's taskset to pin it to CPUs.
const (
	Gunicorn = "/usr/bin/gunicorn"
	Python   = "/usr/bin/python3"
	Taskset  = "/usr/bin/taskset"
)

// Options say how to run the app.
type Options struct {
	Query string    // the engine's URL query: workers, cache, max-requests, max-requests-jitter, preload, cost-origin, threads
	Log   io.Writer // gunicorn's log; nil discards it
	CPUs  string    // taskset's CPU list ("0"): the master and its workers run only there; "" for anywhere
}

//go:embed app.py gunicorn.conf.py lru.py settings.py store.py
var files embed.FS

// Missing says what to install when gunicorn or Flask is not there, or "".
var Missing = sync.OnceValue(func() string {
	if _, err := os.Stat(Gunicorn); err != nil {
		return "no " + Gunicorn + " (apt-get install gunicorn python3-flask)"
	}
	if _, err := os.Stat(Taskset); err != nil {
		return "no " + Taskset + " (apt-get install util-linux)"
	}
	if err := exec.Command(Python, "-c", "import flask").Run(); err != nil {
		return "no Flask for " + Python + " (apt-get install python3-flask)"
	}
	return ""
})

// Server is a running gunicorn master and its workers.
type Server struct {
	URL  string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	dir  string
	done chan error
	stop sync.Once
	err  error // Stop's answer
}

// Start runs the app with the settings in o.Query on a free loopback port,
// and returns once every worker accepts.
func Start(o Options) (*Server, error) {
	dir, err := os.MkdirTemp("", "cachepit-gunicorn-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, done: make(chan error, 1)}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if err := s.start(o); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Server) start(o Options) error {
	names, _ := files.ReadDir(".")
	for _, e := range names {
		b, _ := files.ReadFile(e.Name())
		if err := os.WriteFile(filepath.Join(s.dir, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	var stderr bytes.Buffer
	flagsCmd := exec.Command(Python, "settings.py", o.Query)
	flagsCmd.Dir, flagsCmd.Stderr = s.dir, &stderr
	out, err := flagsCmd.Output()
	if err != nil {
		return fmt.Errorf("%s (%v)", strings.TrimSpace(stderr.String()), err)
	}
	// The listening socket is made here and inherited (fd://3): no port race.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	f, err := ln.(*net.TCPListener).File()
	ln.Close()
	if err != nil {
		return err
	}
	defer f.Close()
	s.URL = "http://" + ln.Addr().String()
	args := append([]string{Python, Gunicorn, "-c", "gunicorn.conf.py"}, strings.Fields(string(out))...)
	args = append(args, "--bind", "fd://3", "app:app")
	if o.CPUs != "" {
		args = append([]string{Taskset, "-c", o.CPUs}, args...) // taskset execs gunicorn: same pid
	}
	s.cmd = &exec.Cmd{
		Path: args[0], Args: args, Dir: s.dir,
		Env:    append(os.Environ(), "CACHEPIT_CONFIG="+o.Query, "CACHEPIT_DB="+filepath.Join(s.dir, "origin.sqlite")),
		Stdout: o.Log, Stderr: o.Log, ExtraFiles: []*os.File{f},
		SysProcAttr: &syscall.SysProcAttr{Setpgid: true}, // Stop ends the workers too
	}
	if err := s.cmd.Start(); err != nil {
		s.cmd = nil
		return err
	}
	go func() { s.done <- s.cmd.Wait() }()
	return s.ready(30 * time.Second)
}

// ready waits until /stats says every worker accepts.
func (s *Server) ready(within time.Duration) error {
	deadline := time.Now().Add(within)
	hc := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("gunicorn exited before it served: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
		resp, err := hc.Get(s.URL + "/stats")
		if err != nil {
			continue
		}
		var st struct {
			Workers   []struct{ PID int }
			Accepting int
		}
		err = json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		if err == nil && len(st.Workers) > 0 && st.Accepting >= len(st.Workers) {
			return nil
		}
	}
	return errors.New("gunicorn's workers were not all up within " + within.String())
}

// Stop sends gunicorn's master SIGINT (its quick shutdown: the workers get
// SIGQUIT and exit at once), waits, and kills the process group if it has not
// stopped within stopWithin. Stopping again is harmless and answers the same.
func (s *Server) Stop() error {
	s.stop.Do(func() { s.err = s.halt() })
	return s.err
}

// stopWithin is longer than gunicorn's own bound on a quick shutdown: its
// master waits up to graceful_timeout (30 s by default) for the workers it
// sent SIGQUIT before it kills them. On a loaded machine a worker's exit,
// which writes its last event to the sqlite scoreboard, once took over 10 s.
const stopWithin = 35 * time.Second

func (s *Server) halt() error {
	defer os.RemoveAll(s.dir)
	if s.cmd == nil {
		return nil
	}
	pgid := s.cmd.Process.Pid
	syscall.Kill(pgid, syscall.SIGINT)
	select {
	case <-s.done:
	case <-time.After(stopWithin):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.done
		return errors.New("gunicorn did not stop on SIGINT within " + stopWithin.String() + ": killed")
	}
	syscall.Kill(-pgid, syscall.SIGKILL) // any worker left behind
	return nil
}
