package stack

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cachepit/cachepit/sim"
)

// Lesson 13's fix under real gunicorn, with Redis refusing connections and
// with a Redis that accepts and never answers: every read is answered from
// the database within the client's short timeouts, a write still succeeds,
// and the errors are counted.
func TestFlaskFixFailsOpen(t *testing.T) {
	needPython(t, "flask_caching, redis", "python3-flask-caching python3-redis")
	c := lessonConfig(t, "outage")
	c.Workers = 1
	code, err := Generate(c, "flask")
	if err != nil {
		t.Fatal(err)
	}
	app, cmdline := snippet(t, code, "The fix", "app.py"), snippet(t, code, "The fix", "command line")

	refused, _ := net.Listen("tcp", "127.0.0.1:0")
	down := refused.Addr().String()
	refused.Close()
	silent, err := net.Listen("tcp", "127.0.0.1:0") // accepts, reads, never answers
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			conn, err := silent.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				buf := make([]byte, 4096)
				for {
					if _, err := conn.Read(buf); err != nil {
						return
					}
				}
			}()
		}
	}()
	client := &http.Client{Timeout: 10 * time.Second}
	for name, addr := range map[string]string{"refused": down, "silent": silent.Addr().String()} {
		t.Run(name, func(t *testing.T) {
			t.Setenv("CACHE_REDIS_URL", "redis://"+addr+"/0")
			base := runGunicorn(t, app, cmdline)
			for i := range 5 {
				start := time.Now()
				resp, err := client.Get(fmt.Sprintf("%s/item/%d", base, i))
				if err != nil {
					t.Fatalf("GET /item/%d with the cache %s: %v", i, name, err)
				}
				var item map[string]int
				json.NewDecoder(resp.Body).Decode(&item)
				resp.Body.Close()
				if resp.StatusCode != 200 || item["key"] != i {
					t.Errorf("GET /item/%d with the cache %s: %d %v; want 200 and the item", i, name, resp.StatusCode, item)
				}
				if took := time.Since(start); took > 2*time.Second {
					t.Errorf("GET /item/%d with the cache %s took %v; the 0.1 s timeouts should answer well within 2 s", i, name, took)
				}
			}
			req, _ := http.NewRequest("PUT", base+"/item/1", strings.NewReader(`{"v": 2}`))
			req.Header.Set("Content-Type", "application/json")
			if resp, err := client.Do(req); err != nil || resp.StatusCode != 200 {
				t.Errorf("PUT /item/1 with the cache %s: %v %v; want 200", name, resp, err)
			} else {
				resp.Body.Close()
			}
			var st struct {
				Misses int `json:"misses"`
				Errors int `json:"cache_errors"`
			}
			get(t, base+"/get_cache_info", &st)
			if st.Misses != 5 || st.Errors != 11 { // a failed get and set per read, a failed delete per write
				t.Errorf("with the cache %s: %d misses, %d cache errors; want 5 and 11", name, st.Misses, st.Errors)
			}
		})
	}
}

// Lesson 11's fix under real gunicorn against Redis, with a slow fetch:
// 12 reads of one key at once on 4 workers make one database read; the
// same fix without the lock (coalesce=none) makes one per busy worker.
func TestFlaskFixLocks(t *testing.T) {
	needPython(t, "flask_caching, redis", "python3-flask-caching python3-redis")
	for _, coalesce := range []string{"worker", "none"} { // worker: the lesson's, whose fix takes the lock
		t.Run(coalesce, func(t *testing.T) {
			c := lessonConfig(t, "stampede")
			c.Workers, c.TTL, c.Coalesce = 4, 60e6, coalesce // the key must not expire during the test
			c.Keys = 10                                      // one key and no writes would be the post's app, which has no /item/7
			hits, misses := burst(t, c)
			if coalesce == "worker" && (hits != 11 || misses != 1) {
				t.Errorf("12 reads of one key at once on 4 workers: %d hits, %d misses; want 11 and 1 (one fetch for all workers)", hits, misses)
			}
			if coalesce == "none" && (hits+misses != 12 || misses < 2) {
				t.Errorf("without the lock, 12 reads at once on 4 workers: %d hits, %d misses; want several misses", hits, misses)
			}
			t.Logf("coalesce=%s: %d hits, %d misses", coalesce, hits, misses)
		})
	}
}

// burst runs c's Flask fix, with fetch_item slowed to 0.5 s, under gunicorn
// against a private Redis, sends 12 reads of one key at once when all 4
// workers are up, and adds up the workers' counters.
func burst(t *testing.T, c sim.Config) (hits, misses int) {
	t.Helper()
	redis := startRedis(t)
	t.Setenv("CACHE_REDIS_URL", "redis://"+redis+"/0")
	code, err := Generate(c, "flask")
	if err != nil {
		t.Fatal(err)
	}
	app := snippet(t, code, "The fix", "app.py")
	// 0.3 s: long enough for the four workers' first reads to meet the fetch
	// in flight, short enough that the fix's waiters (up to the lock's 5 s) see it
	// land on a loaded machine (0.5 s once left two of them fetching too).
	slow := strings.Replace(app, `    return {"key": key}`, "    __import__(\"time\").sleep(0.3)\n    return {\"key\": key}", 1)
	if slow == app {
		t.Fatalf("cannot slow down fetch_item in\n%s", app)
	}
	base := runGunicorn(t, slow, snippet(t, code, "The fix", "command line"))
	counters := func() map[int][2]int { // pid → hits, misses, once all 4 workers answered
		seen := map[int][2]int{}
		for deadline := time.Now().Add(30 * time.Second); len(seen) < 4 && time.Now().Before(deadline); {
			var in struct{ Hits, Misses, Pid int }
			get(t, base+"/get_cache_info", &in)
			seen[in.Pid] = [2]int{in.Hits, in.Misses}
		}
		if len(seen) != 4 {
			t.Fatalf("answers from %d pids in 30 s; want the 4 workers", len(seen))
		}
		return seen
	}
	counters() // every worker is up, so the requests below meet 4 idle workers
	var wg sync.WaitGroup
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("GET", base+"/item/7", nil)
			req.Close = true // a new connection each, so the kernel spreads them over the workers
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			var item map[string]int
			if err := json.NewDecoder(resp.Body).Decode(&item); err != nil || item["key"] != 7 {
				t.Errorf("GET /item/7: %v %v", item, err)
			}
		}()
	}
	wg.Wait()
	for _, hm := range counters() {
		hits, misses = hits+hm[0], misses+hm[1]
	}
	return hits, misses
}
