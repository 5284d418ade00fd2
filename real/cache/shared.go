package cache

import (
	"fmt"
	"time"
)

// Shared is a cache all workers reach over the network.
type Shared interface {
	Cache
	Close() error
}

// Open connects to the shared cache at a and checks that it answers; each
// operation gives up after timeout.
func Open(a Addr, prefix string, timeout time.Duration) (Shared, error) {
	switch a.Scheme {
	case "memcached":
		return NewMemcached(a, prefix, timeout)
	case "redis":
		return NewRedis(a, prefix, timeout)
	}
	return nil, fmt.Errorf("%s, got %q", addrHint, a.String())
}
