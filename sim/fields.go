package sim

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Field is one setting of Config, named as in command-line flags and URL queries.
type Field struct {
	Name  string // flag and URL parameter: "workers", "shared-cache"
	Usage string // one line for -h
	Bool  bool   // a flag that needs no value

	get   func(Config) string
	set   func(*Config, string) error // parses; range is checked by check
	check func(Config) error
}

// Get formats the field's value in c.
func (f Field) Get(c Config) string { return f.get(c) }

// Set parses s into c's field and checks its range. On error c is unchanged.
func (f Field) Set(c *Config, s string) error {
	old := *c
	if err := f.set(c, s); err != nil {
		return fmt.Errorf("%s %w", f.Name, err)
	}
	if err := f.check(*c); err != nil {
		*c = old
		return fmt.Errorf("%s %w", f.Name, err)
	}
	return nil
}

// Fields lists every setting, in the order the CLI and the UI show them.
var Fields = []Field{
	intField("workers", "worker processes", func(c *Config) *int { return &c.Workers }, 1, MaxWorkers),
	intField("cache", "each worker's LRU maxsize", func(c *Config) *int { return &c.Cache }, 1, MaxCache),
	intField("keys", "distinct keys requested", func(c *Config) *int { return &c.Keys }, 1, MaxKeys),
	choiceField("dist", "key popularity", func(c *Config) *string { return &c.Dist }, Dists),
	floatField("alpha", "zipf exponent", func(c *Config) *float64 { return &c.Alpha }, 0, MaxAlpha, false, true),
	floatField("hot-keys", "hotset: fraction of keys that are hot", func(c *Config) *float64 { return &c.HotKeys }, 0, 1, false, false),
	floatField("hot-traffic", "hotset: fraction of requests to hot keys", func(c *Config) *float64 { return &c.HotTraffic }, 0, 1, false, true),
	floatField("writes", "fraction of requests that write", func(c *Config) *float64 { return &c.Writes }, 0, 1, true, true),
	aliasField(choiceField("balancer", "how requests reach workers (accept: they race on one socket, as gunicorn's; roundrobin, leastconn, keyhash: a proxy in front of each worker passes over one booting or stopping)", func(c *Config) *string { return &c.Balancer }, Balancers), balancerAliases),
	choiceField("mode", "where caches live (tiered: local in front of shared)", func(c *Config) *string { return &c.Mode }, Modes),
	intField("shared-cache", "shared cache maxsize (0: workers*cache)", func(c *Config) *int { return &c.SharedCache }, 0, MaxWorkers*MaxCache),
	ttlField(durationField("ttl", "lifetime of a local entry (0: forever)", func(c *Config) *int64 { return &c.TTL }, 0, 24*3600e6)),
	intField("max-requests", "recycle a worker after this many requests (0: never)", func(c *Config) *int { return &c.MaxRequests }, 0, MaxRequests),
	intField("max-requests-jitter", "add 0..jitter to each worker's max-requests", func(c *Config) *int { return &c.MaxRequestsJitter }, 0, MaxRequests),
	boolField("preload", "workers start with the same warmed cache", func(c *Config) *bool { return &c.Preload }),
	{
		Name: "seed", Usage: "seed of every random stream",
		get: func(c Config) string { return strconv.FormatUint(c.Seed, 10) },
		set: func(c *Config, s string) error {
			v, err := strconv.ParseUint(s, 10, 64)
			if err != nil {
				return fmt.Errorf("must be a whole number from 0 to %d, got %q", uint64(1<<64-1), s)
			}
			c.Seed = v
			return nil
		},
		check: func(Config) error { return nil },
	},
	intField("warmup", "requests run before counting starts", func(c *Config) *int { return &c.Warmup }, 0, MaxRequests),
	intField("requests", "requests counted in a run, after the warmup", func(c *Config) *int { return &c.Requests }, 1, MaxRequests),
	intField("cost-local", "latency of a local cache lookup, µs", func(c *Config) *int { return &c.Cost.Local }, 0, 10_000_000),
	intField("cost-shared", "latency of a shared cache round trip, µs", func(c *Config) *int { return &c.Cost.Shared }, 0, 10_000_000),
	intField("cost-origin", "latency of an origin fetch, µs", func(c *Config) *int { return &c.Cost.Origin }, 0, 10_000_000),
	choiceField("arrivals", "where requests come from (closed: clients in a loop; poisson: an open stream)", func(c *Config) *string { return &c.Arrivals }, Arrivals),
	intField("clients", "closed: clients, one request outstanding each", func(c *Config) *int { return &c.Clients }, 1, MaxClients),
	durationField("think", "closed: a client's pause between an answer and its next request", func(c *Config) *int64 { return &c.Think }, 0, 3600e6),
	floatField("rate", "poisson: requests per second", func(c *Config) *float64 { return &c.Rate }, 0, MaxRate, false, true),
	intField("threads", "requests a worker serves at once, sharing its cache (gunicorn --threads)", func(c *Config) *int { return &c.Threads }, 1, MaxThreads),
	intField("cpu", "the application's own work per request, µs", func(c *Config) *int { return &c.Cost.CPU }, 0, 10_000_000),
	intField("backlog", "connections waiting on a listen socket before more are refused", func(c *Config) *int { return &c.Backlog }, 0, MaxBacklog),
	durationField("boot", "a replacement worker's boot before it accepts (with preload: a fork, at most 5ms)", func(c *Config) *int64 { return &c.Boot }, 0, 600e6),
	durationField("respawn", "from a worker's last request to its replacement's fork: its exit and the master's reaping (not on a deploy)", func(c *Config) *int64 { return &c.Respawn }, 0, 600e6),
	durationField("timeout", "a request running longer gets its worker killed, as gunicorn --timeout (0: never)", func(c *Config) *int64 { return &c.Timeout }, 0, 3600e6),
	intField("deploy-at", "restart every worker once this many requests are answered (0: never)", func(c *Config) *int { return &c.DeployAt }, 0, MaxRequests),
	boolField("rolling", "a deploy restarts workers one after another, each when the one before is up", func(c *Config) *bool { return &c.Rolling }),
	choiceField("coalesce", "stampede protection (worker: single-flight per process; shared: a lock in the shared cache)", func(c *Config) *string { return &c.Coalesce }, Coalesces),
	intField("origin-conns", "connections to the origin database; more fetches wait (0: unlimited)", func(c *Config) *int { return &c.OriginConns }, 0, MaxClients),
	// hosts come before outage, whose check reads them
	intField("hosts", "hosts behind the load balancer, each running workers", func(c *Config) *int { return &c.Hosts }, 1, MaxHosts),
	choiceField("host-balancer", "how the load balancer picks a host (keyhash: nginx's hash $request_uri consistent)", func(c *Config) *string { return &c.HostBalancer }, HostBalancers),
	intField("host-cache", "each host cache's maxsize (0: workers*cache)", func(c *Config) *int { return &c.HostCache }, 0, MaxWorkers*MaxCache),
	intField("cost-host", "latency of a round trip to the host's own cache, µs", func(c *Config) *int { return &c.Cost.Host }, 0, 10_000_000),
	outageField(),
}

// FieldByName returns the field called name.
func FieldByName(name string) (Field, bool) {
	for _, f := range Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Query encodes the settings of c that differ from Default as a URL query.
func (c Config) Query() string {
	d := Default()
	v := url.Values{}
	for _, f := range Fields {
		if s := f.get(c); s != f.get(d) {
			v.Set(f.Name, s)
		}
	}
	return v.Encode()
}

// ParseQuery reads settings from a URL query, starting from Default. A setting
// that is unknown, malformed or out of range keeps its default and is reported
// in the error; the returned Config is always valid.
func ParseQuery(q string) (Config, error) {
	v, err := url.ParseQuery(q)
	c, err2 := ParseValues(v)
	if err != nil {
		err2 = errors.Join(fmt.Errorf("query: %w", err), err2)
	}
	return c, err2
}

// ParseValues is ParseQuery for already decoded values; keys that are not
// settings are reported.
func ParseValues(v url.Values) (Config, error) {
	c := Default()
	var errs []error
	for _, f := range Fields {
		vals, ok := v[f.Name]
		if !ok || len(vals) == 0 {
			continue
		}
		if err := f.Set(&c, vals[len(vals)-1]); err != nil {
			errs = append(errs, err)
		}
	}
	for k := range v {
		if _, ok := FieldByName(k); !ok {
			errs = append(errs, fmt.Errorf("unknown setting %q", k))
		}
	}
	if err := c.Validate(); err != nil { // cannot happen field by field; kept as a guard
		return Default(), errors.Join(append(errs, err)...)
	}
	return c, errors.Join(errs...)
}

func intField(name, usage string, p func(*Config) *int, lo, hi int) Field {
	return Field{
		Name: name, Usage: fmt.Sprintf("%s, %d..%d", usage, lo, hi),
		get: func(c Config) string { return strconv.Itoa(*p(&c)) },
		set: func(c *Config, s string) error {
			v, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("must be a whole number from %d to %d, got %q", lo, hi, s)
			}
			*p(c) = v
			return nil
		},
		check: func(c Config) error {
			if v := *p(&c); v < lo || v > hi {
				return fmt.Errorf("must be between %d and %d, got %d", lo, hi, v)
			}
			return nil
		},
	}
}

// floatField accepts values between lo and hi; loIn and hiIn say whether the
// bounds themselves are allowed.
func floatField(name, usage string, p func(*Config) *float64, lo, hi float64, loIn, hiIn bool) Field {
	rng := fmt.Sprintf("%s%g, %g%s", map[bool]string{true: "[", false: "("}[loIn], lo, hi, map[bool]string{true: "]", false: ")"}[hiIn])
	return Field{
		Name: name, Usage: fmt.Sprintf("%s, in %s", usage, rng),
		get: func(c Config) string { return strconv.FormatFloat(*p(&c), 'g', -1, 64) },
		set: func(c *Config, s string) error {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return fmt.Errorf("must be a number in %s, got %q", rng, s)
			}
			*p(c) = v
			return nil
		},
		check: func(c Config) error {
			v := *p(&c)
			if v != v || v < lo || v > hi || (v == lo && !loIn) || (v == hi && !hiIn) {
				return fmt.Errorf("must be in %s, got %g", rng, v)
			}
			return nil
		},
	}
}

func choiceField(name, usage string, p func(*Config) *string, allowed []string) Field {
	return Field{
		Name: name, Usage: fmt.Sprintf("%s: %s", usage, strings.Join(allowed, ", ")),
		get: func(c Config) string { return *p(&c) },
		set: func(c *Config, s string) error { *p(c) = s; return nil },
		check: func(c Config) error {
			return oneOf(*p(&c), allowed)
		},
	}
}

func boolField(name, usage string, p func(*Config) *bool) Field {
	return Field{
		Name: name, Usage: usage, Bool: true,
		get: func(c Config) string { return strconv.FormatBool(*p(&c)) },
		set: func(c *Config, s string) error {
			v, err := strconv.ParseBool(s)
			if err != nil {
				return fmt.Errorf("must be true or false, got %q", s)
			}
			*p(c) = v
			return nil
		},
		check: func(Config) error { return nil },
	}
}
