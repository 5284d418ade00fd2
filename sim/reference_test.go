package sim

import (
	"slices"
	"testing"
)

// refLRU is an independent, obviously correct LRU: a slice, most recent last.
type refLRU struct {
	size int
	keys []int
}

func (r *refLRU) get(k int) bool {
	i := slices.Index(r.keys, k)
	if i < 0 {
		return false
	}
	r.keys = append(slices.Delete(r.keys, i, i+1), k)
	return true
}

func (r *refLRU) add(k int) {
	if len(r.keys) == r.size {
		r.keys = r.keys[1:]
	}
	r.keys = append(r.keys, k)
}

func (r *refLRU) remove(k int) {
	if i := slices.Index(r.keys, k); i >= 0 {
		r.keys = slices.Delete(r.keys, i, i+1)
	}
}

// Per-worker hits and misses equal an independent LRU replay of each
// worker's own requests.
func TestMatchesReferenceLRU(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Config)
	}{
		{"zipf accept", func(c *Config) {}},
		{"uniform roundrobin writes", func(c *Config) { c.Dist, c.Balancer, c.Writes = "uniform", "roundrobin", 0.1 }},
		{"hotset leastconn", func(c *Config) { c.Dist, c.Balancer = "hotset", "leastconn" }},
		{"scan keyhash", func(c *Config) { c.Dist, c.Balancer = "scan", "keyhash" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Default()
			c.Workers, c.Cache, c.Keys = 3, 20, 200
			tc.edit(&c)
			s, err := New(c)
			if err != nil {
				t.Fatal(err)
			}
			ref := make([]refLRU, c.Workers)
			hits := make([]int64, c.Workers)
			misses := make([]int64, c.Workers)
			for i := range ref {
				ref[i].size = c.Cache
			}
			for range 20_000 {
				ev := s.Step()
				r := &ref[ev.Worker]
				if ev.Op == Write {
					r.remove(ev.Key)
					continue
				}
				hit := r.get(ev.Key)
				if hit {
					hits[ev.Worker]++
				} else {
					misses[ev.Worker]++
					r.add(ev.Key)
				}
				if ev.Hit != hit {
					t.Fatalf("seq %d key %d worker %d: hit %v; reference says %v", ev.Seq, ev.Key, ev.Worker, ev.Hit, hit)
				}
			}
			st := s.Stats()
			for i, w := range st.Workers {
				if w.Hits != hits[i] || w.Misses != misses[i] {
					t.Errorf("worker %d: hits/misses %d/%d; reference %d/%d", i, w.Hits, w.Misses, hits[i], misses[i])
				}
				if keys := s.LocalKeys(i); !slices.Equal(keysOf(keys), ref[i].keys) {
					t.Errorf("worker %d: cache %v; reference %v", i, keysOf(keys), ref[i].keys)
				}
			}
		})
	}
}

func keysOf(es []Entry) []int {
	out := make([]int, len(es))
	for i, e := range es {
		out[i] = e.Key
	}
	return out
}
