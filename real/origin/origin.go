// Package origin is the slow database behind the caches: one version number per key.
//
// The master process owns the only Origin, so every worker sees the same
// versions and a read answered from an older copy can be called stale.
// Several hosts share one through Remote.
package origin

import (
	"sync"
	"time"
)

// Origin holds the current version of every key. Keys never written are at
// version 0, as in the engine. It is safe for concurrent use.
type Origin struct {
	delay time.Duration

	// Prefix starts every key the shared caches in front of this database
	// hold (set before use): hosts sharing the database share its entries,
	// and another run's never mix in.
	Prefix string

	mu       sync.Mutex
	versions map[int]uint32
	reads    int64 // fetches (Read)
	writes   int64 // writes (Write)
}

// New returns an Origin whose reads and writes each take delay, as a
// database round trip would; Version is instant.
func New(delay time.Duration) *Origin {
	return &Origin{delay: delay, versions: map[int]uint32{}}
}

// Store is the database of key versions a server's workers use: its own
// Origin, or another server's (Remote), so that several hosts share one.
type Store interface {
	Read(key int) (uint32, error)    // fetch key, counting an origin read
	Write(key int) (uint32, error)   // bump key's version, counting an origin write
	Version(key int) (uint32, error) // key's version now, counting nothing
	Counts() (reads, writes int64)   // reads and writes this Store has served
	CachePrefix() (string, error)    // the key prefix of the shared caches in front of this database
}

// Read fetches key, counting an origin read, and returns its version.
func (o *Origin) Read(key int) (uint32, error) {
	o.sleep()
	o.mu.Lock()
	defer o.mu.Unlock()
	o.reads++
	return o.version(key), nil
}

// Write bumps key's version, counting an origin write, and returns the new version.
func (o *Origin) Write(key int) (uint32, error) {
	o.sleep()
	o.mu.Lock()
	defer o.mu.Unlock()
	o.writes++
	v := o.version(key) + 1
	o.versions[key] = v
	return v, nil
}

// Version returns key's current version without counting a read: it is how
// the server tells a stale answer from a fresh one, not part of the workload.
func (o *Origin) Version(key int) (uint32, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.version(key), nil
}

// CachePrefix is Prefix.
func (o *Origin) CachePrefix() (string, error) { return o.Prefix, nil }

// Counts returns the reads and writes served so far.
func (o *Origin) Counts() (reads, writes int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.reads, o.writes
}

func (o *Origin) version(key int) uint32 {
	return o.versions[key]
}

func (o *Origin) sleep() {
	if o.delay > 0 {
		time.Sleep(o.delay)
	}
}
