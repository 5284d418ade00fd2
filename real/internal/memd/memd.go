// Package memd starts a private Memcached for tests, on a free loopback port.
package memd

import (
	"testing"

	"github.com/cachepit/cachepit/real/internal/svc"
)

// Start runs memcached on 127.0.0.1 and returns its HOST:PORT; it is stopped
// when the test ends. Without memcached the test is skipped, or fails when
// CI=true, since CI is expected to install it.
func Start(t testing.TB) string {
	t.Helper()
	return Server(t).Addr
}

// Server is Start for a test that stops and restarts it.
func Server(t testing.TB) *svc.Server {
	t.Helper()
	bin := svc.Need(t, "memcached", "apt-get install memcached")
	return svc.Start(t, bin, func(port string) []string {
		return []string{"-l", "127.0.0.1", "-p", port, "-U", "0", "-m", "16", "-u", "root"}
	})
}
