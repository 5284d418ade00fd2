package stack

import (
	"reflect"
	"strings"
	"testing"
)

// The engine's TTL is the per-process caches' only: its shared cache keeps
// an entry until it is evicted or deleted. So the shared cache's code is the
// same with the run's TTL as without one (lesson 11 runs a TTL of 1 s), and
// the per-process cache's code carries the run's TTL.
func TestSharedCacheHasNoTTL(t *testing.T) {
	lesson11 := lessonConfig(t, "stampede")
	if lesson11.Mode != "local" || lesson11.TTL != 1e6 {
		t.Fatalf("lesson 11 changed: %s", lesson11.Query())
	}
	noTTL := lesson11
	noTTL.TTL = 0
	for _, name := range []string{"flask", "django", "fastapi", "node", "rails"} {
		with, err := Generate(lesson11, name)
		if err != nil {
			t.Fatal(err)
		}
		without, err := Generate(noTTL, name)
		if err != nil {
			t.Fatal(err)
		}
		fix := func(c Code) []Snippet { return section(t, c, "The fix").Snippets }
		if a, b := fix(with), fix(without); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: the shared cache's code changes with the run's TTL, which the engine's shared cache does not have:\n%s\nwithout:\n%s", name, code(a), code(b))
		}
		if a, b := section(t, with, "What you have").Snippets, section(t, without, "What you have").Snippets; reflect.DeepEqual(a, b) {
			t.Errorf("%s: the per-process cache's code leaves out the run's TTL", name)
		}
	}
	// Tiered: the local tier has the TTL, the shared tier none.
	tiered := lesson11
	tiered.Mode = "tiered"
	for name, marks := range map[string][2]string{
		"flask":   {"@ttl_cache(maxsize=1, ttl=1)", "CACHE_DEFAULT_TIMEOUT=0,"},
		"fastapi": {"@ttl_cache(maxsize=1, ttl=1)", "redis_client.set(k, json.dumps(item))\n"},
		"node":    {"ttl: 1 * 1000", "redis.set(k, JSON.stringify(item));"},
		"rails":   {"MemoryStore.new(size: 64.megabytes, expires_in: 1.seconds)", `redis://127.0.0.1:6379/0") }`},
		"django":  {`"TIMEOUT": 1,`, `"TIMEOUT": None,`},
	} {
		c, err := Generate(tiered, name)
		if err != nil {
			t.Fatal(err)
		}
		all := code(section(t, c, "What you have").Snippets)
		for _, m := range marks {
			if !strings.Contains(all, m) {
				t.Errorf("%s tiered: no %q in\n%s", name, m, all)
			}
		}
	}
}

func section(t *testing.T, c Code, heading string) Section {
	t.Helper()
	for _, s := range c.Sections {
		if strings.HasPrefix(s.Heading, heading) {
			return s
		}
	}
	t.Fatalf("%s: no section %q", c.Stack, heading)
	return Section{}
}

func code(ss []Snippet) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString("== " + s.Name + "\n" + s.Code)
	}
	return b.String()
}
