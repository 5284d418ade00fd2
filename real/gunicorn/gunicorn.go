// Package gunicorn runs the reference app beside this file (the post's Flask
// app plus cachepit's protocol) under Debian's real gunicorn.
//
//	s, err := gunicorn.Start("workers=4&cache=100", os.Stderr)
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

// The programs the app runs with: Debian's packages gunicorn and python3-flask.
const (
	Gunicorn = "/usr/bin/gunicorn"
	Python   = "/usr/bin/python3"
)

//go:embed app.py gunicorn.conf.py lru.py settings.py store.py
var files embed.FS

// Missing says what to install when gunicorn or Flask is not there, or "".
var Missing = sync.OnceValue(func() string {
	if _, err := os.Stat(Gunicorn); err != nil {
		return "no " + Gunicorn + " (apt-get install gunicorn python3-flask)"
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
}

// Start runs the app with the settings in query (the engine's URL query:
// workers, cache, max-requests, max-requests-jitter, preload, cost-origin,
// threads) on a free loopback port, and returns once every worker accepts.
// gunicorn's log goes to log.
func Start(query string, log io.Writer) (*Server, error) {
	dir, err := os.MkdirTemp("", "cachepit-gunicorn-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, done: make(chan error, 1)}
	if err := s.start(query, log); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Server) start(query string, log io.Writer) error {
	names, _ := files.ReadDir(".")
	for _, e := range names {
		b, _ := files.ReadFile(e.Name())
		if err := os.WriteFile(filepath.Join(s.dir, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	var stderr bytes.Buffer
	flagsCmd := exec.Command(Python, "settings.py", query)
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
	args := append([]string{Gunicorn, "-c", "gunicorn.conf.py"}, strings.Fields(string(out))...)
	args = append(args, "--bind", "fd://3", "app:app")
	s.cmd = &exec.Cmd{
		Path: Python, Args: append([]string{Python}, args...), Dir: s.dir,
		Env:    append(os.Environ(), "CACHEPIT_CONFIG="+query, "CACHEPIT_DB="+filepath.Join(s.dir, "origin.sqlite")),
		Stdout: log, Stderr: log, ExtraFiles: []*os.File{f},
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

// Stop sends gunicorn's master SIGINT (its quick shutdown: the workers exit
// at once), waits, and kills the process group if it has not stopped within 10 s.
func (s *Server) Stop() error {
	defer os.RemoveAll(s.dir)
	if s.cmd == nil {
		return nil
	}
	pgid := s.cmd.Process.Pid
	syscall.Kill(pgid, syscall.SIGINT)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.done
		return errors.New("gunicorn did not stop on SIGINT within 10 s: killed")
	}
	syscall.Kill(-pgid, syscall.SIGKILL) // any worker left behind
	return nil
}
