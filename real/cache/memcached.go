package cache

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/bradfitz/gomemcache/memcache"

	"github.com/cachepit/cachepit/sim"
)

// Memcached is the cache every worker shares: one server or a pool. Keys
// carry a prefix, so that runs of the server sharing one Memcached never
// read each other's versions.
//
// In a pool each key lives on one server, chosen as gomemcache's ServerList
// does: CRC-32 (IEEE) of the key modulo the number of servers, in the order
// given. A dead server costs only its own keys; nothing is rehashed.
type Memcached struct {
	addr    Addr
	prefix  string
	timeout time.Duration
	mc      *memcache.Client
}

// NewMemcached returns a client of the Memcached servers at a; each
// operation gives up after timeout. It does not connect: see Check.
func NewMemcached(a Addr, prefix string, timeout time.Duration) *Memcached {
	mc := memcache.New(a.Hosts...)
	mc.Timeout = timeout
	mc.MaxIdleConns = 16
	return &Memcached{addr: a, prefix: prefix, timeout: timeout, mc: mc}
}

// Check reports whether every server answers.
func (m *Memcached) Check() error {
	if err := m.mc.Ping(); err != nil {
		return fmt.Errorf("memcached at %s is unreachable (%v): start it with 'memcached -l 127.0.0.1 -p PORT' or fix --shared", strings.Join(m.addr.Hosts, ","), err)
	}
	return nil
}

// Get looks key up in Memcached.
func (m *Memcached) Get(key int) (uint32, sim.Tier, bool, error) {
	var it *memcache.Item
	err := m.retry(func() (err error) { it, err = m.mc.Get(m.key(key)); return err })
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
	it := &memcache.Item{Key: m.key(key), Value: []byte(strconv.FormatUint(uint64(version), 10))}
	if err := m.retry(func() error { return m.mc.Set(it) }); err != nil {
		return fmt.Errorf("memcached set: %w", err)
	}
	return nil
}

// Remove deletes key; deleting a key that is not there is not an error.
func (m *Memcached) Remove(key int) error {
	err := m.retry(func() error { return m.mc.Delete(m.key(key)) })
	if err != nil && !errors.Is(err, memcache.ErrCacheMiss) {
		return fmt.Errorf("memcached delete: %w", err)
	}
	return nil
}

// retry runs op, and once more when it failed for any reason but a miss or
// a timeout: a restarted server leaves every idle connection dead, so they
// are all closed first and the retry dials a fresh one.
func (m *Memcached) retry(op func() error) error {
	err := op()
	if err == nil || errors.Is(err, memcache.ErrCacheMiss) || timedOut(err) {
		return err
	}
	m.mc.Close() // drops idle connections only; the client stays usable
	return op()
}

func timedOut(err error) bool {
	var ne net.Error
	var ct *memcache.ConnectTimeoutError
	return errors.As(err, &ct) || (errors.As(err, &ne) && ne.Timeout())
}

// Len is 0: a worker holds nothing in its own memory.
func (m *Memcached) Len() int { return 0 }

// Info answers cache_info() from Memcached's own counters, summed over the
// pool, so every worker gives the same answer: get_hits, get_misses,
// curr_items, and the memory limit in bytes as the maxsize (Memcached bounds
// bytes, not entries). An unreachable server is left out and reported.
func (m *Memcached) Info() (sim.CacheInfo, error) {
	var ci sim.CacheInfo
	var errs []error
	for _, h := range m.addr.Hosts {
		st, err := Stats(h, m.timeout)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ci.Hits += st["get_hits"]
		ci.Misses += st["get_misses"]
		ci.Maxsize += st["limit_maxbytes"]
		ci.Currsize += st["curr_items"]
	}
	return ci, errors.Join(errs...)
}

// Close drops the idle connections.
func (m *Memcached) Close() error { return m.mc.Close() }

func (m *Memcached) key(k int) string { return m.prefix + strconv.Itoa(k) }

// Contains is false: nothing is held in the worker's own memory.
func (m *Memcached) Contains(int) bool { return false }

// Evictions is 0: nothing is held in the worker's own memory.
func (m *Memcached) Evictions() int64 { return 0 }
