package sim

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files")

// goldenConfigs cover every mode, balancer and distribution, and the
// lifecycle features. The golden files are written natively; the same test
// run as wasm under node checks that the engine gives the same bits there.
var goldenConfigs = map[string]string{
	"default":          "",
	"accept-bootorder": "balancer=accept-bootorder",
	"shared":           "mode=shared",
	"tiered-ttl":       "mode=tiered&ttl=1s&writes=0.05",
	"roundrobin":       "balancer=roundrobin&dist=uniform",
	"leastconn":        "balancer=leastbusy&dist=hotset&clients=8&cpu=300",
	"leastconn-boot":   "balancer=leastconn&clients=8&cpu=300&max-requests=1000&max-requests-jitter=200&boot=50ms&writes=0.05",
	"roundrobin-boot":  "balancer=roundrobin&clients=8&cpu=300&max-requests=1000&max-requests-jitter=200&boot=50ms&writes=0.05&deploy-at=15000",
	"keyhash-boot":     "balancer=keyhash&clients=8&cpu=300&max-requests=1000&max-requests-jitter=200&boot=50ms&writes=0.05&deploy-at=15000&rolling=true",
	"poisson-threads":  "arrivals=poisson&rate=2000&threads=4&workers=2&cpu=1000&mode=tiered",
	"closed-backlog":   "clients=40&think=5ms&backlog=8&workers=2&cpu=2000",
	"stampede":         "mode=tiered&coalesce=shared&clients=32&workers=8&threads=4&cpu=300&ttl=200ms&alpha=1.2&keys=2000&timeout=30ms&origin-conns=8&cost-origin=8000&max-requests=3000&boot=200ms",
	"origin-conns":     "origin-conns=4&clients=32&workers=8&threads=4&writes=0.05&cpu=200&mode=shared",
	"keyhash-scan":     "balancer=keyhash&dist=scan&keys=300",
	"recycle":          "max-requests=2000&max-requests-jitter=500&preload=true&writes=0.05",
	"warmup-alpha":     "warmup=5000&alpha=1.3&workers=16&cache=20&seed=42",
	"one-worker-all":   "workers=1&cache=1000&keys=1000",
	"hosts-keyhash":    "hosts=4&workers=3&host-balancer=keyhash&mode=tiered-host&writes=0.05&clients=6&cpu=300",
	"hosts-outage":     "hosts=3&workers=2&mode=shared&host-balancer=leastconn&clients=6&cpu=300&outage=shared@2s-4s,host1@5s-7s",
}

type golden struct {
	Stats  Stats
	Series []Point
	Last   Event
	Keys   []Entry
	Host   []Entry `json:",omitempty"` // host 0's cache
}

func TestGolden(t *testing.T) {
	for name, q := range goldenConfigs {
		t.Run(name, func(t *testing.T) {
			c, err := ParseQuery(q)
			if err != nil {
				t.Fatal(err)
			}
			c.Requests = 30_000
			s, err := New(c)
			if err != nil {
				t.Fatal(err)
			}
			s.Run(c.Requests - 1)
			g := golden{Last: s.Step()}
			g.Stats, g.Series, g.Keys, g.Host = s.Stats(), s.Series(), s.LocalKeys(0), s.HostKeys(0)
			got, err := json.MarshalIndent(g, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./sim -run Golden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("run differs from %s; rerun with -update if the change is intended", path)
			}
		})
	}
}

// The same config and seed give the same run; another seed, another run.
func TestDeterminism(t *testing.T) {
	run := func(seed uint64) []byte {
		c := Default()
		c.Seed, c.Balancer, c.Writes, c.MaxRequests, c.MaxRequestsJitter = seed, "accept", 0.05, 3000, 100
		s, _ := New(c)
		var evs []Event
		for range 5000 {
			evs = append(evs, s.Step())
		}
		b, _ := json.Marshal([]any{evs, s.Stats(), s.Series()})
		return b
	}
	if !bytes.Equal(run(7), run(7)) {
		t.Fatal("two runs with seed 7 differ")
	}
	if bytes.Equal(run(7), run(8)) {
		t.Fatal("seeds 7 and 8 gave the same run")
	}
}

// Switching the balancer or the mode keeps the request stream.
func TestStreamsAreSeparate(t *testing.T) {
	trace := func(edit func(*Config)) []int {
		c := Default()
		edit(&c)
		s, _ := New(c)
		out := make([]int, 0, 2000)
		for range 1000 {
			ev := s.Step()
			out = append(out, ev.Key, int(ev.Op))
		}
		return out
	}
	base := trace(func(*Config) {})
	for _, edit := range []func(*Config){
		func(c *Config) { c.Balancer = "keyhash" },
		func(c *Config) { c.Mode = "shared" },
		func(c *Config) { c.Workers = 9 },
		func(c *Config) { c.MaxRequests = 10 },
	} {
		if got := trace(edit); !slices.Equal(got, base) {
			t.Error("request stream changed with a non-workload setting")
		}
	}
}
