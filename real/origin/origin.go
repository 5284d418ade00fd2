// Package origin is the slow database behind the caches: one version number per key.
//
// The master process owns the only Origin, so every worker sees the same
// versions and a read answered from an older copy can be called stale.
package origin

import (
	"sync"
	"time"
)

// Origin holds the current version of every key. Keys never written are at
// version 0, as in the engine. It is safe for concurrent use.
type Origin struct {
	delay time.Duration

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

// Read fetches key, counting an origin read, and returns its version.
func (o *Origin) Read(key int) uint32 {
	o.sleep()
	o.mu.Lock()
	defer o.mu.Unlock()
	o.reads++
	return o.version(key)
}

// Write bumps key's version, counting an origin write, and returns the new version.
func (o *Origin) Write(key int) uint32 {
	o.sleep()
	o.mu.Lock()
	defer o.mu.Unlock()
	o.writes++
	v := o.version(key) + 1
	o.versions[key] = v
	return v
}

// Version returns key's current version without counting a read: it is how
// the server tells a stale answer from a fresh one, not part of the workload.
func (o *Origin) Version(key int) uint32 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.version(key)
}

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
