package prefork

import (
	"testing"

	"github.com/cachepit/cachepit/real/internal/memd"
	"github.com/cachepit/cachepit/real/internal/redisd"
)

// The post: after one "/", the worker that served it has one entry and one
// miss; the other worker has never seen a request.
func TestCacheInfoDiffersWithLocalCaches(t *testing.T) {
	_, base := serve(t, Config{Worker: opts(2, "local", 2, "")})
	var stored struct{ Message string }
	do(t, "GET", base+"/", &stored)
	if stored.Message != "Stored" {
		t.Fatalf(`GET /: got message %q; want "Stored"`, stored.Message)
	}
	seen := infoByWorker(t, base, 2, 200)
	want := map[string]int{"Currsize 1 Hits 0 Maxsize 2 Misses 1": 1, "Currsize 0 Hits 0 Maxsize 2 Misses 0": 1}
	for w, ci := range seen {
		if want[ci.counts()] != 1 {
			t.Errorf("worker %d: got %s; want one worker with each of %v", w, ci.counts(), want)
		}
		want[ci.counts()]--
	}
	if seen[0].PID == seen[1].PID {
		t.Errorf("workers 0 and 1 share pid %d; want separate processes", seen[0].PID)
	}
}

// With Memcached every worker reports the same cache: the pitfall is gone.
func TestCacheInfoSameWithMemcached(t *testing.T) {
	mc := memd.Start(t)
	_, base := serve(t, Config{Worker: opts(2, "shared", 0, "memcached://"+mc)})
	do(t, "GET", base+"/", nil)
	seen := infoByWorker(t, base, 2, 200)
	if seen[0].PID == seen[1].PID {
		t.Fatalf("workers 0 and 1 share pid %d; want separate processes", seen[0].PID)
	}
	for w, ci := range seen {
		if ci.Currsize != 1 || ci.Hits != 0 || ci.Misses != 1 {
			t.Errorf("worker %d: got %s; want Currsize 1 Hits 0 Misses 1 from Memcached", w, ci.counts())
		}
	}
}

// The post's check with Redis: one "/", then 40 cache_info requests over new
// connections; every answer is the same, whichever worker gives it.
func TestCacheInfoSameWithRedis(t *testing.T) {
	r := redisd.Server(t)
	_, base := serve(t, Config{Worker: opts(2, "shared", 0, "redis://"+r.Addr)})
	do(t, "GET", base+"/", nil)
	workers := map[int]bool{}
	for i := 0; i < 40; i++ {
		var ci cacheInfo
		do(t, "GET", base+"/get_cache_info", &ci)
		workers[ci.Worker] = true
		if ci.counts() != "Currsize 1 Hits 0 Maxsize 0 Misses 1" {
			t.Errorf("request %d (worker %d): got %s; want Currsize 1 Hits 0 Maxsize 0 Misses 1 from Redis", i, ci.Worker, ci.counts())
		}
	}
	if len(workers) != 2 {
		t.Errorf("workers %v answered; want both", keys(workers))
	}
}
