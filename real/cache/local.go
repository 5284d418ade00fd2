package cache

import (
	"fmt"
	"sync"
	"sync/atomic"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/cachepit/cachepit/sim"
)

// Local is a worker's own LRU cache, like @lru_cache(maxsize=n) in one
// gunicorn worker. It is safe for concurrent use.
type Local struct {
	lru *lru.Cache[int, uint32]
	max int

	evictions atomic.Int64

	mu     sync.Mutex
	hits   int64
	misses int64
}

// NewLocal returns an empty LRU cache holding at most size entries.
func NewLocal(size int) (*Local, error) {
	c, err := lru.New[int, uint32](size)
	if err != nil {
		return nil, fmt.Errorf("cache size must be positive, got %d", size)
	}
	return &Local{lru: c, max: size}, nil
}

// Get looks key up, counting a hit or a miss as cache_info does.
func (l *Local) Get(key int) (uint32, sim.Tier, bool, error) {
	v, ok := l.lru.Get(key)
	l.mu.Lock()
	if ok {
		l.hits++
	} else {
		l.misses++
	}
	l.mu.Unlock()
	return v, sim.Local, ok, nil
}

// Add stores version, evicting the least recently used entry when full.
func (l *Local) Add(key int, version uint32) error {
	if l.lru.Add(key, version) {
		l.evictions.Add(1)
	}
	return nil
}

// Remove drops key.
func (l *Local) Remove(key int) error {
	l.lru.Remove(key)
	return nil
}

// Evictions counts entries evicted to make room.
func (l *Local) Evictions() int64 { return l.evictions.Load() }

// Len is the number of entries held.
func (l *Local) Len() int { return l.lru.Len() }

// Info is cache_info(): hits, misses, maxsize and current size.
func (l *Local) Info() (sim.CacheInfo, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return sim.CacheInfo{Hits: l.hits, Misses: l.misses, Maxsize: int64(l.max), Currsize: int64(l.lru.Len())}, nil
}

// Contains reports whether key is held, without touching recency.
func (l *Local) Contains(key int) bool { return l.lru.Contains(key) }
