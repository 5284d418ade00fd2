package worker

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/cache"
	"github.com/cachepit/cachepit/sim"
)

// Every mode of the engine is either run by a real worker, with the caches
// the mode names, or refused by Check in one line naming the modes that run.
func TestEveryEngineMode(t *testing.T) {
	want := map[string]string{ // the cache each mode builds
		"local":       "*cache.Local",
		"shared":      "*cache.Memcached",
		"host":        "*cache.Memcached",
		"tiered":      "cache.Tiered",
		"tiered-host": "cache.Tiered",
	}
	for _, mode := range sim.Modes {
		o := Options{Settings: settings(2, 5), CacheTimeout: 50 * time.Millisecond, Grace: time.Second, WorkerClass: AcceptSync}
		o.Settings.Mode = mode
		if mode != "local" {
			o.Shared = "memcached://127.0.0.1:1" // never dialled: building the cache does not connect
		}
		if err := o.Check(); err != nil {
			t.Errorf("mode %s: Check() = %v; want it to run", mode, err)
			continue
		}
		c, maxLocal, err := newCache(o)
		if got := fmt.Sprintf("%T", c); err != nil || got != want[mode] {
			t.Errorf("mode %s: newCache built %s, %v; want %s", mode, got, err, want[mode])
			continue
		}
		if tc, ok := c.(cache.Tiered); ok && (tc.Local == nil || tc.Shared == nil) {
			t.Errorf("mode %s: tiered cache %+v; want a local LRU in front of the cache at --shared", mode, tc)
		}
		if wantMax := map[bool]int{true: 5, false: 0}[o.Settings.HasLocal()]; maxLocal != wantMax {
			t.Errorf("mode %s: local maxsize %d; want %d", mode, maxLocal, wantMax)
		}
	}
	// A mode of the engine that real workers do not run is refused in one
	// line naming those they do.
	saved := Modes
	t.Cleanup(func() { Modes = saved })
	Modes = []string{"local", "shared"}
	o := Options{Settings: settings(2, 5), Shared: "memcached://127.0.0.1:1", CacheTimeout: 50 * time.Millisecond, Grace: time.Second, WorkerClass: AcceptSync}
	o.Settings.Mode = "tiered-host"
	if err := o.Check(); err == nil || !strings.Contains(err.Error(), "--mode tiered-host is the engine's, but real workers run only local, shared") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a mode real workers do not run: Check() = %v; want one line naming the modes they run", err)
	}
	Modes = saved
	// Host modes need the host's cache, and say what --shared is for.
	o = Options{Settings: settings(2, 5), CacheTimeout: 50 * time.Millisecond, Grace: time.Second, WorkerClass: AcceptSync}
	o.Settings.Mode = "tiered-host"
	if err := o.Check(); err == nil || !strings.Contains(err.Error(), "needs --shared") || !strings.Contains(err.Error(), "the host's cache behind each worker's own LRU") {
		t.Errorf("tiered-host without --shared: %v; want an error saying --shared is the host's cache", err)
	}
}
