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
