package cache

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/bradfitz/gomemcache/memcache"

	"github.com/cachepit/cachepit/sim"
)

// Memcached is the cache every worker shares. Keys carry a prefix, so that
// runs of the server sharing one Memcached never read each other's versions.
type Memcached struct {
	addr   string
	prefix string
	mc     *memcache.Client
}

// ParseAddr turns memcached://HOST:PORT into HOST:PORT.
func ParseAddr(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "memcached" || u.Host == "" || u.Port() == "" || u.Path != "" {
		return "", fmt.Errorf("--shared must look like memcached://127.0.0.1:11211, got %q", s)
	}
	return u.Host, nil
}

// NewMemcached returns a client of the Memcached at addr (HOST:PORT) and
// checks that it answers.
func NewMemcached(addr, prefix string) (*Memcached, error) {
	mc := memcache.New(addr)
	mc.Timeout = 2 * time.Second
	mc.MaxIdleConns = 16
	if err := mc.Ping(); err != nil {
		return nil, fmt.Errorf("memcached at %s is unreachable (%v): start it with 'memcached -l 127.0.0.1 -p PORT' or fix --shared", addr, err)
	}
	return &Memcached{addr: addr, prefix: prefix, mc: mc}, nil
}

// Get looks key up in Memcached.
func (m *Memcached) Get(key int) (uint32, sim.Tier, bool, error) {
	it, err := m.mc.Get(m.key(key))
	if errors.Is(err, memcache.ErrCacheMiss) {
		return 0, sim.Shared, false, nil
	}
	if err != nil {
		return 0, sim.Shared, false, fmt.Errorf("memcached get: %w", err)
	}
	v, err := strconv.ParseUint(string(it.Value), 10, 32)
	if err != nil {
		return 0, sim.Shared, false, fmt.Errorf("memcached holds %q under %s, not a version", it.Value, it.Key)
	}
	return uint32(v), sim.Shared, true, nil
}

// Add stores version under key.
func (m *Memcached) Add(key int, version uint32) error {
	err := m.mc.Set(&memcache.Item{Key: m.key(key), Value: []byte(strconv.FormatUint(uint64(version), 10))})
	if err != nil {
		return fmt.Errorf("memcached set: %w", err)
	}
	return nil
}

// Remove deletes key; deleting a key that is not there is not an error.
func (m *Memcached) Remove(key int) error {
	err := m.mc.Delete(m.key(key))
	if err != nil && !errors.Is(err, memcache.ErrCacheMiss) {
		return fmt.Errorf("memcached delete: %w", err)
	}
	return nil
}

// Len is 0: a worker holds nothing in its own memory.
func (m *Memcached) Len() int { return 0 }

// Info answers cache_info() from Memcached's own counters, so every worker
// gives the same answer: get_hits, get_misses, curr_items, and its memory
// limit in bytes as the maxsize (Memcached bounds bytes, not entries).
func (m *Memcached) Info() (sim.CacheInfo, error) {
	st, err := Stats(m.addr)
	if err != nil {
		return sim.CacheInfo{}, err
	}
	return sim.CacheInfo{Hits: st["get_hits"], Misses: st["get_misses"], Maxsize: st["limit_maxbytes"], Currsize: st["curr_items"]}, nil
}

func (m *Memcached) key(k int) string { return m.prefix + strconv.Itoa(k) }

// Contains is false: nothing is held in the worker's own memory.
func (m *Memcached) Contains(int) bool { return false }

// Evictions is 0: nothing is held in the worker's own memory.
func (m *Memcached) Evictions() int64 { return 0 }
