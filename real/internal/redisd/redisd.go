// Package redisd starts a private Redis for tests, on a free loopback port.
package redisd

import (
	"testing"

	"github.com/cachepit/cachepit/real/internal/svc"
)

// Server runs redis-server on 127.0.0.1, without persistence, stopped when
// the test ends. Without redis-server the test is skipped, or fails when
// CI=true, since CI is expected to install it.
func Server(t testing.TB) *svc.Server {
	t.Helper()
	bin := svc.Need(t, "redis-server", "apt-get install redis-server")
	return svc.Start(t, bin, func(port string) []string {
		return []string{"--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"}
	})
}
