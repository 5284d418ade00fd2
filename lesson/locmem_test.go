package lesson

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// replayLocMem runs requests ("worker key op" lines) through Django's own
// LocMemCache, one instance per worker, as cache-aside: a read gets, and
// sets on a miss; a write deletes. It prints hits, reads and the mean
// entries held by the cache that served each read.
const replayLocMem = `
import sys
from django.conf import settings
settings.configure()
from django.core.cache.backends.locmem import LocMemCache
caches, hits, reads, held = {}, 0, 0, 0
for line in sys.stdin:
    w, key, op = line.split()
    c = caches.get(w)
    if c is None:
        c = caches[w] = LocMemCache("worker-" + w, {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": int(sys.argv[1])}})
    if op == "write":
        c.delete(key)
        continue
    reads += 1
    if c.get(key) is not None:
        hits += 1
    else:
        c.set(key, 1)
    held += len(c._cache)
print(hits, reads, held / max(reads, 1))
`

// Lesson 9 models LocMemCache as an LRU of MAX_ENTRIES. Django keeps the
// LRU order but, when full, culls the least recently used third at once;
// the lesson says what that costs on its own requests, measured by Django.
func TestLocMemCacheAgainstDjango(t *testing.T) {
	python := "/usr/bin/python3" // Debian's, where python3-django installs
	if err := exec.Command(python, "-c", "import django").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s cannot import django: apt-get install python3-django", python)
		}
		t.Skipf("%s cannot import django; apt-get install python3-django to run this test", python)
	}
	l := All[Index("framework-default")]
	c := l.Config()
	s, err := sim.New(c)
	if err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	for range l.Requests {
		e := s.Step()
		fmt.Fprintf(&in, "%d %d %s\n", e.Worker, e.Key, map[sim.Op]string{sim.Read: "read", sim.Write: "write"}[e.Op])
	}
	cmd := exec.Command(python, "-c", replayLocMem, fmt.Sprint(c.Cache))
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var hits, reads int64
	var held float64
	if _, err := fmt.Sscan(string(out), &hits, &reads, &held); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	st := s.Stats()
	if reads != st.Total.Reads {
		t.Fatalf("Django saw %d reads, the engine %d", reads, st.Total.Reads)
	}
	django, model := ratio(hits, reads), st.HitRatio
	t.Logf("hit ratio: Django's LocMemCache %.4f, the model's LRU %.4f; Django's caches held %.0f entries on average", django, model, held)
	if django >= model {
		t.Errorf("Django's LocMemCache hit %.4f, not below the LRU's %.4f: the cull costs nothing?", django, model)
	}
	if pct(django) != pct(djangoHit) || int(held+5)/10*10 != djangoHeld || !strings.HasPrefix(pythonVersion(python), djangoVersion+".") {
		t.Errorf("Django %s measured hit ratio %s, %.0f entries held; the lesson says Django %s, %s, about %d: update djangoHit, djangoHeld and djangoVersion",
			pythonVersion(python), pct(django), held, djangoVersion, pct(djangoHit), djangoHeld)
	}
}

func pythonVersion(python string) string {
	out, _ := exec.Command(python, "-c", "import django; print(django.get_version())").Output()
	return strings.TrimSpace(string(out))
}
