package prefork

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/internal/memd"
	"github.com/cachepit/cachepit/real/internal/redisd"
	"github.com/cachepit/cachepit/real/internal/svc"
	"github.com/cachepit/cachepit/real/worker"
)

func TestMemcachedOutage(t *testing.T) {
	s := memd.Server(t)
	outage(t, s, "memcached://"+s.Addr)
}

func TestRedisOutage(t *testing.T) {
	s := redisd.Server(t)
	outage(t, s, "redis://"+s.Addr)
}

// outage runs 8 clients reading 20 keys in a loop, stops the shared cache
// for 2 s and starts it again: no request may fail, errors are counted
// during the outage, and shared hits come back within a second.
func outage(t *testing.T, cache *svc.Server, shared string) {
	// opts' generous timeout: the outage refuses connections at once.
	w := opts(2, "shared", 0, shared)
	w.Settings.Cost.Origin = 1000
	cfg := Config{Worker: w}
	_, base := serve(t, cfg)
	l := loop(t, base, 8, 20)
	time.Sleep(500 * time.Millisecond)
	warm := stats(t, base)
	if warm.Total.SharedHits == 0 || warm.CacheErrors != 0 {
		t.Fatalf("before the outage: %d shared hits, %d cache errors; want some hits and no errors", warm.Total.SharedHits, warm.CacheErrors)
	}
	cache.Stop()
	stopped := stats(t, base)
	time.Sleep(2 * time.Second)
	during := stats(t, base)
	cache.Restart()
	back := time.Now()
	atBack := stats(t, base)
	time.Sleep(1500 * time.Millisecond)
	answers, failed := l.stop()
	after := stats(t, base)

	if failed != 0 {
		t.Errorf("%d of %d requests failed; want none (the server fails open)", failed, len(answers))
	}
	if during.CacheErrors <= warm.CacheErrors {
		t.Errorf("cache_errors %d after 2 s of outage; want more than %d", during.CacheErrors, warm.CacheErrors)
	}
	if hits := during.Total.SharedHits - stopped.Total.SharedHits; hits > 8 { // only requests already past their get
		t.Errorf("%d shared hits during the outage; want at most 8 (one per client, already past its get)", hits)
	}
	first := time.Time{}
	for _, a := range answers {
		if a.at.After(back) && a.From == "shared" && (first.IsZero() || a.at.Before(first)) {
			first = a.at
		}
	}
	t.Logf("%d requests; cache errors %d after 2 s of outage, %d when it came back, %d in all; first shared hit %v after it came back",
		len(answers), during.CacheErrors, atBack.CacheErrors, after.CacheErrors, first.Sub(back))
	if first.IsZero() || first.Sub(back) > time.Second {
		t.Errorf("first shared hit after the cache came back: %v later; want within 1s", first.Sub(back))
	}
	if n := after.CacheErrors - atBack.CacheErrors; n > 16 { // two per client: requests already under way
		t.Errorf("%d cache errors after the cache came back; want at most 16", n)
	}
}

// answered is one answer and when it arrived.
type answered struct {
	worker.Answer
	at time.Time
}

type loopRun struct {
	stopc   chan struct{}
	wg      sync.WaitGroup
	mu      sync.Mutex
	answers []answered
	failed  int
	errs    []string
}

// loop starts n clients, each reading random keys below keys over a new
// connection per request, until stop.
func loop(t *testing.T, base string, n, keys int) *loopRun {
	l := &loopRun{stopc: make(chan struct{})}
	for i := range n {
		l.wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), 1))
			for {
				select {
				case <-l.stopc:
					return
				default:
				}
				var a worker.Answer
				err := get(base+fmt.Sprintf("/item/%d", r.IntN(keys)), &a)
				l.mu.Lock()
				if err != nil {
					l.failed++
					if len(l.errs) < 5 {
						l.errs = append(l.errs, err.Error())
					}
				}
				l.answers = append(l.answers, answered{a, time.Now()})
				l.mu.Unlock()
			}
		})
	}
	t.Cleanup(func() { l.stop() })
	return l
}

func (l *loopRun) stop() ([]answered, int) {
	select {
	case <-l.stopc:
	default:
		close(l.stopc)
	}
	l.wg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.errs {
		fmt.Println("failed request:", e)
	}
	return l.answers, l.failed
}

// get is do without failing the test, for goroutines.
func get(url string, v *worker.Answer) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s: %s", url, resp.Status, body)
	}
	return jsonUnmarshal(body, v)
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// A worker that boots while the shared cache is down serves from the
// origin: recycling during an outage does not take the server down.
func TestWorkerBootsDuringOutage(t *testing.T) {
	s := memd.Server(t)
	m, base := serve(t, Config{Worker: recycle(opts(1, "shared", 0, "memcached://"+s.Addr), 2)})
	first := m.PID(0)
	s.Stop()
	for k := range 6 { // recycles after requests 2, 4 and 6
		var a worker.Answer
		do(t, "GET", fmt.Sprintf("%s/item/%d", base, k), &a)
		if a.From != "origin" {
			t.Errorf("request %d during the outage: from %s; want origin", k, a.From)
		}
		if k == 1 {
			eventually(t, 10*time.Second, "worker 0 was not recycled", func() bool { return m.PID(0) != first })
		}
	}
	if st := stats(t, base); st.Workers[0].Recycles < 1 || st.CacheErrors == 0 {
		t.Errorf("/stats: %d recycles, %d cache errors; want a recycle and some errors", st.Workers[0].Recycles, st.CacheErrors)
	}
}
