// Package svc runs a server program (memcached, redis-server, nginx) for a
// test on a free loopback port, and can stop and start it again on that port.
package svc

import (
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// Server is one program listening on Addr.
type Server struct {
	Addr string // 127.0.0.1:PORT

	stop   os.Signal // how Stop asks it to end
	t      testing.TB
	bin    string
	args   []string
	cmd    *exec.Cmd
	exited chan struct{}
}

// Need returns the path of the program name, or skips the test with hint
// (fails it when CI=true: CI is expected to install it).
func Need(t testing.TB, name, hint string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: %s", name, hint)
		}
		t.Skipf("%s is not installed; %s to run this test", name, hint)
	}
	return bin
}

// Start runs bin with args(port) on a free loopback port until it accepts
// connections; it is stopped when the test ends.
func Start(t testing.TB, bin string, args func(port string) []string) *Server {
	t.Helper()
	return StartStop(t, bin, os.Kill, args)
}

// StartStop is Start for a program that Stop ends with the signal stop
// (nginx: SIGTERM, so that its master stops its workers too).
func StartStop(t testing.TB, bin string, stop os.Signal, args func(port string) []string) *Server {
	t.Helper()
	for attempt := 0; attempt < 3; attempt++ { // the free port may be taken before the server binds it
		addr := FreePort(t)
		_, port, _ := net.SplitHostPort(addr)
		s := &Server{Addr: addr, stop: stop, t: t, bin: bin, args: args(port)}
		if s.start() {
			t.Cleanup(s.Stop)
			return s
		}
	}
	t.Fatalf("%s did not start on a free port in 3 attempts", bin)
	return nil
}

func (s *Server) start() bool {
	s.cmd = exec.Command(s.bin, s.args...)
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start %s: %v", s.bin, err)
	}
	s.exited = make(chan struct{})
	go func(c *exec.Cmd, done chan struct{}) { c.Wait(); close(done) }(s.cmd, s.exited)
	if Up(s.Addr, s.exited, 5*time.Second) {
		return true
	}
	s.Stop()
	return false
}

// Stop kills the server (as a crash or a pulled plug would; or with the
// signal given to StartStop) and waits for it, 10 s at most before SIGKILL.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(s.stop)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
	s.cmd = nil
}

// Restart starts the server again on the same port, empty.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	if !s.start() {
		s.t.Fatalf("%s did not start again on %s", s.bin, s.Addr)
	}
}

// Up polls addr until it accepts a connection, exited is closed, or within passes.
func Up(addr string, exited <-chan struct{}, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return true
		}
		select {
		case <-exited:
			return false
		case <-time.After(10 * time.Millisecond):
		}
	}
	return false
}

// FreePort returns a loopback address whose port was free a moment ago.
func FreePort(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "127.0.0.1:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}
