// Package cache is a worker's cache of key versions: its own LRU, a shared
// Memcached or Redis, or the LRU in front of the shared one.
package cache

import (
	"github.com/cachepit/cachepit/sim"
)

// Cache maps keys to the versions a worker has fetched.
type Cache interface {
	// Get looks key up and says which tier answered; ok is false on a miss everywhere.
	Get(key int) (version uint32, from sim.Tier, ok bool, err error)
	// Add stores version under key in every tier.
	Add(key int, version uint32) error
	// Remove drops key from every tier this worker can reach.
	Remove(key int) error
	// Contains reports whether the worker holds key in its own memory.
	Contains(key int) bool
	// Len is the number of entries in the worker's own memory.
	Len() int
	// Evictions counts entries this process evicted from its own memory to make room.
	Evictions() int64
	// Info answers functools' cache_info() for this cache.
	Info() (sim.CacheInfo, error)
}
