// Package memd starts a private Memcached for tests, on a free loopback port.
package memd

import (
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// Start runs memcached on 127.0.0.1 and returns its HOST:PORT; it is stopped
// when the test ends. Without memcached the test is skipped, or fails when
// CI=true, since CI is expected to install it.
func Start(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("memcached")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("memcached is not installed: apt-get install memcached")
		}
		t.Skip("memcached is not installed; apt-get install memcached to run this test")
	}
	for attempt := 0; attempt < 3; attempt++ { // the free port may be taken before memcached binds it
		addr := freePort(t)
		_, port, _ := net.SplitHostPort(addr)
		cmd := exec.Command(bin, "-l", "127.0.0.1", "-p", port, "-U", "0", "-m", "16", "-u", "root")
		if err := cmd.Start(); err != nil {
			t.Fatalf("start memcached: %v", err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		if up(addr, exited) {
			t.Cleanup(func() {
				cmd.Process.Kill()
				<-exited
			})
			return addr
		}
		cmd.Process.Kill()
		<-exited
	}
	t.Fatal("memcached did not start on a free port in 3 attempts")
	return ""
}

// up polls addr until it accepts a connection, the process exits, or 5 s pass.
func up(addr string, exited <-chan struct{}) bool {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return true
		}
		select {
		case <-exited:
			return false
		case <-time.After(20 * time.Millisecond):
		}
	}
	return false
}

func freePort(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "127.0.0.1:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}
