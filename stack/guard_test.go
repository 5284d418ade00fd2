package stack

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
)

// lessonConfig is the settings of the lesson called slug.
func lessonConfig(t *testing.T, slug string) sim.Config {
	t.Helper()
	i := lesson.Index(slug)
	if i < 0 {
		t.Fatalf("no lesson %q", slug)
	}
	return lesson.All[i].Config()
}

// sections is the text of the "What you have" section, and of the fix or
// the pitfall to avoid, each with its snippets; a stack with no code
// sections gives its notes as both.
func sections(t *testing.T, c sim.Config, name string) (have, fix string) {
	t.Helper()
	code, err := Generate(c, name)
	if err != nil {
		t.Fatal(err)
	}
	text := func(s Section) string {
		var b strings.Builder
		b.WriteString(strings.Join(s.Text, "\n"))
		for _, sn := range s.Snippets {
			b.WriteString("\n" + sn.Code)
		}
		return b.String()
	}
	var notes string
	for _, s := range code.Sections {
		switch {
		case strings.HasPrefix(s.Heading, "About "):
			notes = text(s)
		case strings.HasPrefix(s.Heading, "What you have"):
			have = text(s)
		case strings.HasPrefix(s.Heading, "The fix"), strings.HasPrefix(s.Heading, "The pitfall"):
			fix = text(s)
		}
	}
	if have == "" {
		return notes, notes
	}
	return have, fix
}

// What each stack writes for a lock in the shared cache, for single flight
// in one process, and for a client that fails open.
var (
	lockCode = map[string][]string{
		"flask":   {`redis_client.set(f"lock:{k}", 1, nx=True, ex=5)`, `redis_client.delete(f"lock:{k}")`, "time.sleep(0.02)", "A TTL alone does not"},
		"fastapi": {`redis_client.set(f"lock:{k}", 1, nx=True, ex=5)`, `redis_client.delete(f"lock:{k}")`},
		"django":  {`cache.add(f"lock:{k}", 1, timeout=5)`, `cache.delete(f"lock:{k}")`},
		"node":    {"{ NX: true, EX: 5 }", "redis.del(`lock:${k}`)"},
		"rails":   {`Rails.cache.write("lock/#{key}", 1, unless_exist: true, expires_in: 5.seconds)`, `Rails.cache.delete("lock/#{key}")`},
		"nginx":   {"proxy_cache_lock on;"},
		"php":     {"apcu_add($lock, 1, 5)", "Memcached::add($lock, 1, 5)", "['nx', 'ex' => 5]"},
		"go":      {`rdb.SetNX(ctx, "lock:"+key, 1, 5*time.Second)`},
	}
	flightCode = map[string][]string{
		"flask":   {"with flights.setdefault(key, threading.Lock()):", "return cached_item(key)", "A sync worker"},
		"fastapi": {"with flights.setdefault(key, threading.Lock()):"},
		"django":  {"with flights.setdefault(key, threading.Lock()):", "A sync worker"},
		"node":    {"flights.set(key, cachedItem(key).finally(() => flights.delete(key)))"},
		"rails":   {"FLIGHTS.compute_if_absent(id) { Mutex.new }.synchronize { cached_item(id) }", "With one thread per worker"},
		"go":      {"singleflight's Group.Do"},
	}
	failOpenCode = map[string][]string{
		"flask": {`"?socket_connect_timeout=0.1&socket_timeout=0.1"`, "except RedisError:", "cache_errors += 1",
			"with fail_open():\n        item = ", "with fail_open():\n            cache.set(k, item)", "with fail_open():\n        cache.delete(k)",
			`"cache_errors": cache_errors`, "writes still go to the database"},
		"fastapi": {"socket_connect_timeout=0.1,", "socket_timeout=0.1,", "except RedisError:", "with fail_open():\n        item = "},
		"django": {`"OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1}`, "except RedisError:", `stats["cache_errors"] += 1`,
			"with fail_open():\n        data = ", "with fail_open():  # the save stands"},
		"node": {"connectTimeout: 100", "disableOfflineQueue: true", `redis.on("error", () => {});`, "stats.cacheErrors++",
			"const raw = await failOpen(() => ", "await failOpen(() => redis.del(`item:${m[1]}`))"},
		"rails": {"It fails open already", "connect_timeout: 0.1, read_timeout: 0.1, write_timeout: 0.1", "error_handler: ->(method:, returning:, exception:)",
			"Rails.configuration.x.cache_errors.increment", "socket_timeout: 0.1"},
		"php": {"$redis->connect($host, 6379, 0.1)", "catch RedisException", "getResultCode()"},
		"go":  {"DialTimeout, ReadTimeout and WriteTimeout of 100*time.Millisecond", "other than redis.Nil"},
	}
)

func TestGuardsInTheCode(t *testing.T) {
	stampede, outage := lessonConfig(t, "stampede"), lessonConfig(t, "outage")
	if stampede.Mode != "local" || stampede.Coalesce != "worker" || !strings.Contains(outage.Outage, "shared@") {
		t.Fatalf("the lessons changed: stampede %s, outage %s", stampede.Query(), outage.Query())
	}
	calm := stampede
	calm.Coalesce = "none"
	up := outage
	up.Outage = ""
	tests := []struct {
		name      string
		c         sim.Config
		have, fix map[string][]string // code each stack must write in each section
		notFix    map[string][]string // and must not in the fix
	}{
		{"lesson 11: single flight, then a lock in the shared cache", stampede, flightCode, lockCode, failOpenCode},
		{"lesson 11 without coalesce", calm, nil, nil, merge(lockCode, flightCode, failOpenCode)},
		{"lesson 13: the fix fails open", outage, nil, failOpenCode, merge(lockCode, flightCode)},
		{"lesson 13 with no outage", up, nil, nil, merge(lockCode, flightCode, failOpenCode)},
		{"the defaults", sim.Default(), nil, nil, merge(lockCode, flightCode, failOpenCode)},
		{"a lock that fails open", config(func(c *sim.Config) { c.Mode, c.Coalesce, c.Outage = "shared", "shared", "shared@1s-2s" }),
			merge(lockCode, failOpenCode), nil, nil},
	}
	for _, tt := range tests {
		for _, name := range Stacks() {
			have, fix := sections(t, tt.c, name)
			for _, w := range tt.have[name] {
				if !strings.Contains(have, w) {
					t.Errorf("%s, %s: what you have has no %q:\n%s", tt.name, name, w, have)
				}
			}
			for _, w := range tt.fix[name] {
				if !strings.Contains(fix, w) {
					t.Errorf("%s, %s: the fix has no %q:\n%s", tt.name, name, w, fix)
				}
			}
			for _, w := range tt.notFix[name] {
				if strings.Contains(fix, w) && !strings.Contains(strings.Join(tt.fix[name], "\n"), w) {
					t.Errorf("%s, %s: the fix has %q", tt.name, name, w)
				}
			}
		}
	}
}

// Per-process caches have nothing to fail over and no lock: with the
// shared cache's outage and coalesce=shared, the pitfall to avoid shows
// single flight (with threads: no sync-worker warning) and no fail-open code.
func TestGuardsOnThePitfallSide(t *testing.T) {
	c := config(func(c *sim.Config) { c.Mode, c.Coalesce, c.Outage, c.Threads = "shared", "shared", "shared@1s-2s", 4 })
	want := map[string]string{
		"flask":  "with flights.setdefault(key, threading.Lock()):",
		"django": "with flights.setdefault(key, threading.Lock()):",
		"node":   "flights.set(key, cachedItem(key)",
		"rails":  "FLIGHTS.compute_if_absent(id) { Mutex.new }",
	}
	for name, w := range want {
		_, pitfall := sections(t, c, name)
		if !strings.Contains(pitfall, w) {
			t.Errorf("%s: the pitfall to avoid has no %q:\n%s", name, w, pitfall)
		}
		for _, w := range append(append(lockCode[name], failOpenCode[name]...), "A sync worker", "With one thread per worker") {
			if strings.Contains(pitfall, w) {
				t.Errorf("%s: the pitfall to avoid, per-process caches with 4 threads, has %q", name, w)
			}
		}
	}
}

func merge(ms ...map[string][]string) map[string][]string {
	out := map[string][]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = append(out[k], v...)
		}
	}
	return out
}
