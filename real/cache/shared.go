package cache

import (
	"fmt"
	"time"
)

// Shared is a cache all workers reach over the network.
type Shared interface {
	Cache
	Check() error // does every server answer?
	Close() error
}

// Open returns a client of the shared cache at a; each operation gives up
// after timeout. It does not connect: a worker that boots while the cache
// is down serves from the origin until it is back.
func Open(a Addr, prefix string, timeout time.Duration) (Shared, error) {
	switch a.Scheme {
	case "memcached":
		return NewMemcached(a, prefix, timeout), nil
	case "redis":
		return NewRedis(a, prefix, timeout), nil
	}
	return nil, fmt.Errorf("%s, got %q", addrHint, a.String())
}
