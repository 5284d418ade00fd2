package stack

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// config is Default with changes applied.
func config(change func(*sim.Config)) sim.Config {
	c := sim.Default()
	if change != nil {
		change(&c)
	}
	return c
}

// snippet finds the snippet called name in the section whose heading starts with heading.
func snippet(t *testing.T, code Code, heading, name string) string {
	t.Helper()
	for _, s := range code.Sections {
		if !strings.HasPrefix(s.Heading, heading) {
			continue
		}
		for _, sn := range s.Snippets {
			if sn.Name == name {
				return sn.Code
			}
		}
	}
	t.Fatalf("%s: no snippet %q under %q", code.Stack, name, heading)
	return ""
}

func TestGunicornCommandLine(t *testing.T) {
	tests := []struct {
		change func(*sim.Config)
		want   string
	}{
		{nil, "gunicorn -w 4 app:app"},
		{func(c *sim.Config) { c.Workers = 2 }, "gunicorn -w 2 app:app"},
		{func(c *sim.Config) { c.MaxRequests = 1000 }, "gunicorn -w 4 --max-requests 1000 app:app"},
		{func(c *sim.Config) { c.MaxRequests, c.MaxRequestsJitter = 300, 30 }, "gunicorn -w 4 --max-requests 300 --max-requests-jitter 30 app:app"},
		{func(c *sim.Config) { c.MaxRequestsJitter = 30 }, "gunicorn -w 4 app:app"}, // jitter without max-requests does nothing
		{func(c *sim.Config) { c.Preload = true }, "gunicorn -w 4 --preload app:app"},
		{func(c *sim.Config) { c.Workers, c.MaxRequests, c.Preload = 16, 50, true }, "gunicorn -w 16 --max-requests 50 --preload app:app"},
	}
	for _, tt := range tests {
		c := config(tt.change)
		if got := Gunicorn(c, "app:app"); got != tt.want {
			t.Errorf("Gunicorn(%s) = %q; want %q", c.Query(), got, tt.want)
		}
		for _, st := range []struct{ stack, file, app string }{{"flask", "app.py", "app:app"}, {"django", "settings.py", "mysite.wsgi"}} {
			code, err := Generate(c, st.stack)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Replace(tt.want, "app:app", st.app, 1) + "\n"
			if got := snippet(t, code, "What you have", "command line"); got != want {
				t.Errorf("%s %s: command line %q; want %q", st.stack, c.Query(), got, want)
			}
		}
	}
}

func TestCacheSettingsFollowConfig(t *testing.T) {
	tests := []struct {
		change      func(*sim.Config)
		stack, file string
		have, fix   []string // substrings of the snippet in each section
		notHave     []string
	}{
		{nil, "flask", "app.py",
			[]string{"load_item = KeyLRU(load_item, maxsize=100)", "each of the 4 worker processes", "load_item.delete(key)"},
			[]string{`CACHE_TYPE="RedisCache"`, "CACHE_REDIS_URL=", "CACHE_DEFAULT_TIMEOUT=0,", "cache.delete(k)", "400 entries"},
			[]string{"ttl_cache", "--preload", "cache_clear", "from functools import lru_cache"}},
		{func(c *sim.Config) { c.Cache, c.Workers, c.TTL = 50, 8, 30e6 }, "flask", "app.py",
			[]string{"load_item = KeyLRU(load_item, maxsize=50, ttl=30)", "each of the 8 worker processes"},
			[]string{"CACHE_DEFAULT_TIMEOUT=0,", "400 entries"}, // the engine's shared cache has no TTL
			[]string{"ttl_cache"}},
		{func(c *sim.Config) { c.Cache, c.TTL, c.Writes = 50, 30e6, 0 }, "flask", "app.py",
			[]string{"@ttl_cache(maxsize=50, ttl=30)"}, nil, []string{"functools", "KeyLRU"}},
		{func(c *sim.Config) { c.Preload = true; c.Keys = 20 }, "flask", "app.py",
			[]string{"for key in range(20):"}, nil, nil},
		{func(c *sim.Config) { c.Writes = 0 }, "flask", "app.py",
			[]string{"@lru_cache(maxsize=100)", "from functools import lru_cache"}, []string{"cache.get(k)"}, []string{"put_item", "cache_clear", "KeyLRU"}},
		{func(c *sim.Config) { c.Mode = "shared"; c.SharedCache = 1000 }, "flask", "app.py",
			[]string{`CACHE_TYPE="RedisCache"`, "1000 entries", "cache.delete(k)"}, []string{"KeyLRU(load_item, maxsize=100)", "load_item.delete(key)"}, []string{"lru_cache"}},
		{func(c *sim.Config) { c.Mode = "tiered"; c.TTL = 5e6 }, "flask", "app.py",
			[]string{"load_item = KeyLRU(load_item, maxsize=100, ttl=5)", "cache.get(k)", "cache.delete(k)\n    load_item.delete(key)", "CACHE_DEFAULT_TIMEOUT=0,", "for up to 5 s"}, []string{"cache.delete(k)"}, nil},
		{nil, "django", "settings.py",
			[]string{"locmem.LocMemCache", `"MAX_ENTRIES": 100`, `"TIMEOUT": None`},
			[]string{"redis.RedisCache", "PyMemcacheCache", `"TIMEOUT": None`}, []string{"RedisCache"}},
		{func(c *sim.Config) { c.Cache, c.TTL = 250, 60e6 }, "django", "settings.py",
			[]string{`"MAX_ENTRIES": 250`, `"TIMEOUT": 60,`}, []string{`"TIMEOUT": None`}, nil},
		{func(c *sim.Config) { c.Mode = "shared" }, "django", "settings.py",
			[]string{"redis.RedisCache"}, []string{"locmem.LocMemCache"}, []string{"LocMemCache"}},
		{func(c *sim.Config) { c.Mode = "tiered" }, "django", "settings.py",
			[]string{"redis.RedisCache", "locmem.LocMemCache", `"local"`}, []string{"redis.RedisCache"}, nil},
		{nil, "django", "items/signals.py: invalidate on save",
			[]string{"@receiver([post_save, post_delete], sender=Item)", "cache.delete(", "only this process"},
			[]string{"cache.delete(", "for every process"}, nil},
		{func(c *sim.Config) { c.Workers, c.Cache, c.TTL = 6, 70, 9e6 }, "node", "server.js",
			[]string{"new LRUCache({ max: 70, ttl: 9 * 1000 })", "WORKERS || 6"}, []string{"redis.set(k, JSON.stringify(item))", "redis.del("}, nil},
		{func(c *sim.Config) { c.Workers, c.Preload, c.TTL = 3, true, 20e6 }, "rails", "config/puma.rb",
			[]string{"workers 3", "preload_app!"}, []string{"workers 3"}, nil},
		{func(c *sim.Config) { c.TTL = 20e6 }, "rails", "config/environments/production.rb",
			[]string{":memory_store", "expires_in: 20.seconds"}, []string{":redis_cache_store", ":mem_cache_store"}, []string{"redis"}},
	}
	for _, tt := range tests {
		c := config(tt.change)
		code, err := Generate(c, tt.stack)
		if err != nil {
			t.Fatal(err)
		}
		have := snippet(t, code, "What you have", tt.file)
		other := code.Sections[len(code.Sections)-2] // the fix, or the pitfall to avoid
		if c.Balancer == "keyhash" {
			t.Fatal("table has no keyhash rows")
		}
		fix := snippet(t, Code{Stack: code.Stack, Sections: []Section{other}}, "", tt.file)
		for _, w := range tt.have {
			if !strings.Contains(have, w) {
				t.Errorf("%s %s (%s), what you have: no %q in\n%s", tt.stack, tt.file, c.Query(), w, have)
			}
		}
		for _, w := range tt.fix {
			if !strings.Contains(fix, w) {
				t.Errorf("%s %s (%s), %s: no %q in\n%s", tt.stack, tt.file, c.Query(), other.Heading, w, fix)
			}
		}
		for _, w := range tt.notHave {
			if strings.Contains(have, w) {
				t.Errorf("%s %s (%s), what you have: unexpected %q in\n%s", tt.stack, tt.file, c.Query(), w, have)
			}
		}
	}
}

func TestRoutingByKey(t *testing.T) {
	c := config(func(c *sim.Config) { c.Balancer, c.Workers, c.MaxRequests = "keyhash", 3, 500 })
	for _, name := range []string{"flask", "django", "fastapi", "node", "rails", "nginx"} {
		code, err := Generate(c, name)
		if err != nil {
			t.Fatal(err)
		}
		conf := snippet(t, code, "Routing each key", "nginx: inside the http block (e.g. /etc/nginx/conf.d/app.conf)")
		if !strings.Contains(conf, "hash $request_uri consistent;") || strings.Count(conf, "server 127.0.0.1:") != 3 {
			t.Errorf("%s: nginx block\n%s", name, conf)
		}
		cmds := snippet(t, code, "Routing each key", "command line: one process per port")
		if n := strings.Count(cmds, "\n"); n != 3 || !strings.Contains(cmds, "8003") {
			t.Errorf("%s: %d commands\n%s", name, n, cmds)
		}
		if !strings.Contains(code.Text(), "cannot route by key") {
			t.Errorf("%s: does not say that one server cannot route by key", name)
		}
	}
	if code, _ := Generate(c, "flask"); !strings.Contains(snippet(t, code, "Routing", "command line: one process per port"),
		"gunicorn -w 1 -b 127.0.0.1:8001 --max-requests 500 app:app &\n") {
		t.Errorf("flask: per-port command lines\n%s", code.Text())
	}
	c.Balancer = "accept"
	if code, _ := Generate(c, "flask"); strings.Contains(code.Text(), "hash $request_uri") {
		t.Error("flask without keyhash shows the routing block")
	}
}

func TestEveryStackSaysHowToSpotIt(t *testing.T) {
	for _, name := range Stacks() {
		code, err := Generate(sim.Default(), name)
		if err != nil {
			t.Fatal(err)
		}
		text := code.Text()
		for _, w := range []string{"How to spot it in production", "process ids", "after every deploy", "Reads disagree after a write", "grows with the number of workers"} {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q", name, w)
			}
		}
	}
	for name, want := range map[string]string{"php": "APCu", "go": "several replicas", "django": "LocMemCache", "rails": ":memory_store"} {
		if code, _ := Generate(sim.Default(), name); !strings.Contains(code.Text(), want) {
			t.Errorf("%s: no %q", name, want)
		}
	}
}

func TestBadInput(t *testing.T) {
	_, err := Generate(sim.Default(), "cobol")
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "flask, django, fastapi, node, rails, nginx, php, go") {
		t.Errorf("Generate(cobol) error %v; want one line listing the stacks", err)
	}
	if _, err := Generate(sim.Config{}, "flask"); err == nil {
		t.Error("Generate(zero Config) gave no error")
	}
}

// The engine's threads and timeout (µs) reach gunicorn's and Puma's
// settings, the timeout in whole seconds rounded up.
func TestThreadsAndTimeout(t *testing.T) {
	c := sim.Default()
	c.Threads, c.Timeout = 4, 59_500_000
	if got, want := Gunicorn(c, "app:app"), "gunicorn -w 4 --threads 4 --timeout 60 app:app"; got != want {
		t.Errorf("gunicorn = %q; want %q", got, want)
	}
	if got := puma(from(c)); !strings.Contains(got, "threads 4, 4\n") || !strings.Contains(got, "worker_timeout 60\n") {
		t.Errorf("puma.rb:\n%s", got)
	}
	c.Threads, c.Timeout = 1, 0 // one thread is a sync worker, 0 never times out: no flags
	if got, want := Gunicorn(c, "app:app"), "gunicorn -w 4 app:app"; got != want {
		t.Errorf("gunicorn = %q; want %q", got, want)
	}
	if got := puma(from(c)); strings.Contains(got, "threads") || strings.Contains(got, "worker_timeout") {
		t.Errorf("puma.rb with one thread and no timeout:\n%s", got)
	}
}

func TestTextHasNoFormattingErrors(t *testing.T) {
	for _, change := range checkConfigs {
		c := config(change)
		for _, name := range Stacks() {
			code, err := Generate(c, name)
			if err != nil {
				t.Fatal(err)
			}
			if text := code.Text(); strings.Contains(text, "%!") || strings.Contains(text, "<nil>") || len(code.Sections) < 2 {
				t.Errorf("%s (%s): %d sections\n%s", name, c.Query(), len(code.Sections), text)
			}
		}
	}
}

// A Python app whose settings write gets KeyLRU rather than the post's
// lru_cache, and the text says why; read-only settings get lru_cache and
// no such line.
func TestKeyLRUSaysWhy(t *testing.T) {
	for _, tt := range []struct {
		writes float64
		mode   string
		why    bool
	}{
		{0.01, "local", true},
		{0, "local", false},
		{0.01, "shared", true}, // the pitfall shown beside the fix writes too
		{0, "shared", false},
	} {
		c := sim.Default()
		c.Writes, c.Mode = tt.writes, tt.mode
		for _, name := range []string{"flask", "fastapi"} {
			code, err := Generate(c, name)
			if err != nil {
				t.Fatal(err)
			}
			text := code.Text()
			says := strings.Contains(text, "so the per-process cache here is KeyLRU")
			uses := strings.Contains(text, "class KeyLRU")
			if says != tt.why || uses != tt.why {
				t.Errorf("%s, writes %v, mode %s: says why %v, uses KeyLRU %v; want %v", name, tt.writes, tt.mode, says, uses, tt.why)
			}
		}
	}
}

// A cache per host (the engine's host modes) is a shared cache's code on
// each host: the text says so and names the hosts, and no section is the
// per-process cache in front of Redis that tiered code would be.
func TestPerHostCode(t *testing.T) {
	c := sim.Default()
	c.Mode, c.Hosts, c.Workers = "host", 3, 2
	for _, name := range []string{"flask", "django", "fastapi", "node", "rails"} {
		code, err := Generate(c, name)
		if err != nil {
			t.Fatal(err)
		}
		if want := "a cache of 200 entries on each of 3 hosts"; !strings.Contains(code.Summary, want) {
			t.Errorf("%s: summary %q; want %q", name, code.Summary, want)
		}
		have := section(t, code, "What you have")
		if !strings.Contains(have.Heading, "one cache per host") || !strings.Contains(strings.Join(have.Text, " "), "the 3 hosts hold 3 copies") {
			t.Errorf("%s: %q says %q", name, have.Heading, have.Text)
		}
		shared := c
		shared.Mode, shared.Hosts = "shared", 1
		sc, _ := Generate(shared, name)
		if !reflect.DeepEqual(have.Snippets, section(t, sc, "What you have").Snippets) { // the same 200 entries
			t.Errorf("%s: a cache per host is not the shared cache's code", name)
		}
	}
}
