package sim

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		edit func(*Config)
		want string // "" for valid
	}{
		{func(c *Config) {}, ""},
		{func(c *Config) { c.Workers = 0 }, "workers must be between 1 and 256, got 0"},
		{func(c *Config) { c.Workers = 257 }, "workers must be between 1 and 256, got 257"},
		{func(c *Config) { c.Cache = 0 }, "cache must be between 1 and 1000000, got 0"},
		{func(c *Config) { c.Alpha = 0 }, "alpha must be in (0, 5], got 0"},
		{func(c *Config) { c.Alpha = 5 }, ""},
		{func(c *Config) { c.Writes = 1.5 }, "writes must be in [0, 1], got 1.5"},
		{func(c *Config) { c.Dist = "pareto" }, `dist must be one of uniform, zipf, hotset, scan, got "pareto"`},
		{func(c *Config) { c.Mode = "" }, `mode must be one of local, shared, tiered, host, tiered-host, got ""`},
		{func(c *Config) { c.Hosts = 0 }, "hosts must be between 1 and 64, got 0"},
		{func(c *Config) { c.Hosts = 65 }, "hosts must be between 1 and 64, got 65"},
		{func(c *Config) { c.HostBalancer = "iphash" }, `host-balancer must be one of roundrobin, leastconn, random, keyhash, got "iphash"`},
		{func(c *Config) { c.Outage = "host1@1s-2s" }, "outage host1@1s-2s: hosts are numbered host0 to host0, got host1"},
		{func(c *Config) { c.Hosts, c.Outage = 2, "host1@1s-2s" }, ""},
		{func(c *Config) { c.Balancer = "random" }, `balancer must be one of accept, roundrobin, leastconn, keyhash, accept-bootorder, got "random"`},
		{func(c *Config) { c.HotKeys = 1 }, "hot-keys must be in (0, 1), got 1"},
		{func(c *Config) { c.TTL = -1 }, "ttl must be between 0 and 24h, got -1us"},
	} {
		c := Default()
		tc.edit(&c)
		err := c.Validate()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: unexpected error %v", c, err)
		case tc.want != "" && (err == nil || err.Error() != tc.want):
			t.Errorf("got %v; want %q", err, tc.want)
		}
	}
}

func TestQueryRoundTrip(t *testing.T) {
	c := Default()
	if q := c.Query(); q != "" {
		t.Errorf("Default().Query() = %q; want empty", q)
	}
	c.Workers, c.Mode, c.Alpha, c.Preload, c.Seed, c.Cost.Shared = 8, "shared", 0.75, true, 1<<63, 250
	q := c.Query()
	got, err := ParseQuery(q)
	if err != nil || got != c {
		t.Fatalf("ParseQuery(%q) = %+v, %v; want %+v", q, got, err, c)
	}
}

// Bad values keep their default, good ones are kept, and every problem is named.
func TestParseQueryBadValues(t *testing.T) {
	c, err := ParseQuery("workers=0&cache=50&dist=pareto&alpha=abc&bogus=1&mode=shared")
	if err == nil {
		t.Fatal("no error for bad values")
	}
	d := Default()
	if c.Workers != d.Workers || c.Dist != d.Dist || c.Alpha != d.Alpha {
		t.Errorf("bad values not reset to defaults: %+v", c)
	}
	if c.Cache != 50 || c.Mode != "shared" {
		t.Errorf("good values lost: cache=%d mode=%s", c.Cache, c.Mode)
	}
	for _, want := range []string{"workers must be between 1 and 256, got 0", `dist must be one of`, `alpha must be a number`, `unknown setting "bogus"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if err := c.Validate(); err != nil {
		t.Errorf("parsed config invalid: %v", err)
	}
}

func TestSharedSize(t *testing.T) {
	c := Default()
	if got, want := c.SharedSize(), c.Workers*c.Cache; got != want {
		t.Errorf("SharedSize() = %d; want workers*cache = %d", got, want)
	}
	c.SharedCache = 7
	if got := c.SharedSize(); got != 7 {
		t.Errorf("SharedSize() = %d; want 7", got)
	}
}
