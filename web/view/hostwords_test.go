package view

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// The theory panel's words for hosts count every host's caches and say
// which keys each sees; one host without host caches keeps the panel's own.
func TestHostsWords(t *testing.T) {
	tests := []struct {
		q    string
		want []string // "" : no hosts words
	}{
		{"workers=4", []string{""}},
		{"hosts=3&workers=2&mode=host", []string{"roundrobin sends every key to every host", "each of the 3 host caches of 200 entries sees the whole request stream", "200. The 3 hosts hold 600 entries and hit like 200"}},
		{"hosts=3&workers=2&mode=host&host-balancer=keyhash&host-cache=50", []string{"each of the 3 host caches of 50 entries sees only its share", "one cache of 150"}},
		{"hosts=1&workers=2&mode=tiered-host", []string{"One host: its cache of 200 entries, shared by its 2 workers"}},
		{"hosts=4&workers=2", []string{"each of the 8 per-worker caches of 100 entries, on 4 hosts, hits like one cache of 100"}},
		{"hosts=2&workers=3&mode=shared", []string{"One shared cache of 600 entries serves all 6 workers on the 2 hosts"}},
	}
	for _, tt := range tests {
		c, err := sim.ParseQuery(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		th := sim.Prediction{Workers: c.Workers, Cache: c.Cache, SharedSize: c.SharedSize(), Hosts: c.Hosts, HostSize: c.HostSize()}
		got := HostsWords(th, []Measured{{Mode: c.Mode, HostBalancer: c.HostBalancer}})
		for _, w := range tt.want {
			if w == "" && got != "" || !strings.Contains(got, w) {
				t.Errorf("%s: %q; want %q", tt.q, got, w)
			}
		}
	}
}

// The mode control's line names every scope with the size in effect.
func TestCacheSizes(t *testing.T) {
	tests := []struct{ q, want string }{
		{"workers=4&cache=50", "per worker lru_cache(maxsize=50) in each of 4 workers · per host none · shared none"},
		{"hosts=3&workers=2&mode=host", "per worker none · per host 200 entries on each of 3 hosts · shared none"},
		{"hosts=3&workers=2&mode=tiered-host&host-cache=70", "per worker lru_cache(maxsize=100) in each of 6 workers · per host 70 entries on each of 3 hosts · shared none"},
		{"hosts=2&workers=2&mode=tiered", "per worker lru_cache(maxsize=100) in each of 4 workers · per host none · shared one cache of 400 entries"},
	}
	for _, tt := range tests {
		c, err := sim.ParseQuery(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := CacheSizes(c); !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q; want %q", tt.q, got, tt.want)
		}
	}
}

// In a comparison the Settings line names both systems' caches, each under
// its side, and says which of them the fields set: it described only the
// page's own system (with mode=shared, the right one) without saying so.
func TestCompareCacheSizes(t *testing.T) {
	for _, tt := range []struct{ q, want string }{
		{"workers=4&cache=50", "Caches in effect. Left (per-worker caches): lru_cache(maxsize=50) in each of 4 workers. " +
			"Right (shared cache): one shared cache of 200 entries. The fields below set the left one; the right one differs only in cache mode."},
		{"mode=shared", "Caches in effect. Left (per-worker caches): lru_cache(maxsize=100) in each of 4 workers. " +
			"Right (shared cache): one shared cache of 400 entries. The fields below set the right one; the left one differs only in cache mode."},
		{"mode=tiered&coalesce=shared", "Caches in effect. Left (per-worker caches): lru_cache(maxsize=100) in each of 4 workers. " +
			"Right (per-worker + shared cache): lru_cache(maxsize=100) in each of 4 workers and one shared cache of 400 entries. " +
			"The fields below set the right one; the left one differs only in cache mode and stampede protection."},
		{"hosts=3&workers=2&mode=host", "Caches in effect. Left (per-worker caches): lru_cache(maxsize=100) in each of 6 workers. " +
			"Right (a cache per host): 200 entries on each of 3 hosts. The fields below set the right one; the left one differs only in cache mode."},
	} {
		st, notes := ParsePage(tt.q + "&compare=true")
		if len(notes) > 0 {
			t.Fatal(notes)
		}
		r, err := NewRunner(st)
		if err != nil {
			t.Fatal(err)
		}
		vs := r.Views()
		if got := CompareCacheSizes(st.Config, vs[0].Config, vs[1].Config); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.q, got, tt.want)
		}
	}
}
