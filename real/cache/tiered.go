package cache

import "github.com/cachepit/cachepit/sim"

// Tiered is a worker's own LRU in front of the shared cache.
type Tiered struct {
	Local  *Local
	Shared Shared
}

// Get tries the local cache, then the shared cache, copying a shared hit into the local cache.
func (t Tiered) Get(key int) (uint32, sim.Tier, bool, error) {
	if v, from, ok, _ := t.Local.Get(key); ok {
		return v, from, true, nil
	}
	v, from, ok, err := t.Shared.Get(key)
	if ok {
		t.Local.Add(key, v)
	}
	return v, from, ok, err
}

// Add stores version in both tiers.
func (t Tiered) Add(key int, version uint32) error {
	t.Local.Add(key, version)
	return t.Shared.Add(key, version)
}

// Remove drops key locally and from the shared cache; other workers keep their local copies.
func (t Tiered) Remove(key int) error {
	t.Local.Remove(key)
	return t.Shared.Remove(key)
}

// Len is the number of local entries.
func (t Tiered) Len() int { return t.Local.Len() }

// Info is the local cache's cache_info(), as lru_cache in front of a shared cache would report.
func (t Tiered) Info() (sim.CacheInfo, error) { return t.Local.Info() }

// Contains reports whether key is held in the local tier.
func (t Tiered) Contains(key int) bool { return t.Local.Contains(key) }

// Evictions counts entries evicted from the local tier.
func (t Tiered) Evictions() int64 { return t.Local.Evictions() }
