package worker

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/real/cache"
	"github.com/cachepit/cachepit/real/control"
	"github.com/cachepit/cachepit/real/origin"
	"github.com/cachepit/cachepit/sim"
)

// workers returns n handlers, each with its own LRU of size, sharing one
// in-process master on a private socket.
func workers(t *testing.T, n, size int) []*Handler {
	t.Helper()
	addr := fmt.Sprintf("@cachepit-test-%d-%s", os.Getpid(), strings.ReplaceAll(t.Name(), "/", "-"))
	ln, err := net.Listen("unix", addr)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: control.Handler(origin.New(0), board.New(settings(n, size), ""))}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	hs := make([]*Handler, n)
	for i := range hs {
		l, err := cache.NewLocal(size)
		if err != nil {
			t.Fatal(err)
		}
		hs[i] = NewHandler(l, control.NewClient(addr, i), size, nil)
	}
	return hs
}

func call(t *testing.T, h http.Handler, method, path string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	return strings.TrimSpace(rec.Body.String())
}

// The post's three requests, answered by chosen workers.
func TestPost(t *testing.T) {
	hs := workers(t, 2, 2)
	pid := os.Getpid()
	steps := []struct {
		worker       int
		path, answer string
	}{
		{0, "/", `{"message": "Stored"}`},
		{0, "/get_cache_info", fmt.Sprintf(`{"Currsize": 1, "Hits": 0, "Maxsize": 2, "Misses": 1, "cache_errors": 0, "pid": %d, "worker": 0}`, pid)},
		{1, "/get_cache_info", fmt.Sprintf(`{"Currsize": 0, "Hits": 0, "Maxsize": 2, "Misses": 0, "cache_errors": 0, "pid": %d, "worker": 1}`, pid)},
	}
	for _, s := range steps {
		if got := call(t, hs[s.worker], "GET", s.path); got != s.answer {
			t.Errorf("worker %d GET %s: got %s; want %s", s.worker, s.path, got, s.answer)
		}
	}
}

// A write drops the key from the writer only; the other worker serves its
// old copy, and the master calls it stale.
func TestReadWriteStale(t *testing.T) {
	hs := workers(t, 2, 2)
	steps := []struct {
		worker  int
		method  string
		from    string
		version uint32
		stale   bool
	}{
		{0, "GET", "origin", 0, false},
		{1, "GET", "origin", 0, false},
		{0, "GET", "local", 0, false},
		{1, "PUT", "origin", 1, false},
		{0, "GET", "local", 0, true}, // worker 0 still holds version 0
		{1, "GET", "origin", 1, false},
		{1, "GET", "local", 1, false},
	}
	for i, s := range steps {
		var a Answer
		if err := json.Unmarshal([]byte(call(t, hs[s.worker], s.method, "/item/3")), &a); err != nil {
			t.Fatal(err)
		}
		if a.From != s.from || a.Version != s.version || a.Stale != s.stale || a.Worker != s.worker {
			t.Errorf("step %d: worker %d %s: got %+v; want from %s version %d stale %v", i, s.worker, s.method, a, s.from, s.version, s.stale)
		}
	}
	var st board.Stats
	json.Unmarshal([]byte(call(t, hs[0], "GET", "/stats")), &st)
	if st.Total.Stale != 1 || st.Origin.Reads != 3 || st.Origin.Writes != 1 || st.Total.LocalHits != 3 {
		t.Errorf("/stats: %d stale, %d origin reads, %d writes, %d local hits; want 1, 3, 1, 3",
			st.Total.Stale, st.Origin.Reads, st.Origin.Writes, st.Total.LocalHits)
	}
}

func TestBadKey(t *testing.T) {
	hs := workers(t, 1, 2)
	for _, path := range []string{"/item/x", "/item/-1", "/item/10000000", "/origin/version/x", "/origin/version/-1"} {
		rec := httptest.NewRecorder()
		hs[0].ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "key must be a whole number from 0 to 9999999") {
			t.Errorf("GET %s: got %d %q; want 400 naming the range", path, rec.Code, rec.Body)
		}
	}
}

func TestLimit(t *testing.T) {
	tests := []struct {
		max, jitter int
		lo, hi      int64 // the limit drawn
	}{
		{0, 0, 0, 0},
		{3, 0, 3, 3},
		{3, 2, 3, 5},
	}
	for _, tt := range tests {
		done := make(chan struct{})
		served, limit := Limit(tt.max, tt.jitter, rand.New(rand.NewPCG(1, 2)), done)
		if limit < tt.lo || limit > tt.hi {
			t.Errorf("Limit(%d, %d): limit %d; want %d..%d", tt.max, tt.jitter, limit, tt.lo, tt.hi)
		}
		if tt.max == 0 {
			if left := served(100); left != -1 {
				t.Errorf("Limit(0, 0): %d left; want -1 (never)", left)
			}
			continue
		}
		if left := served(limit - 1); left != 1 {
			t.Errorf("Limit(%d, %d): %d left one request before the limit; want 1", tt.max, tt.jitter, left)
		}
		select {
		case <-done:
			t.Errorf("Limit(%d, %d): done before the limit", tt.max, tt.jitter)
		default:
		}
		served(limit)
		served(limit + 1) // requests already accepted may still arrive
		select {
		case <-done:
		default:
			t.Errorf("Limit(%d, %d): not done at the limit", tt.max, tt.jitter)
		}
	}
}

func settings(workers, size int) sim.Config {
	c := sim.Default()
	c.Workers, c.Cache = workers, size
	return c
}

// down is a shared cache that is unreachable: every operation fails.
type down struct{}

func (down) Get(int) (uint32, sim.Tier, bool, error) {
	return 0, sim.Shared, false, errors.New("dial tcp: connection refused")
}
func (down) Add(int, uint32) error        { return errors.New("dial tcp: connection refused") }
func (down) Remove(int) error             { return errors.New("dial tcp: connection refused") }
func (down) Contains(int) bool            { return false }
func (down) Len() int                     { return 0 }
func (down) Evictions() int64             { return 0 }
func (down) Info() (sim.CacheInfo, error) { return sim.CacheInfo{}, errors.New("connection refused") }

// With the shared cache down every request is still answered, from the
// origin; each failed operation is counted in /stats and cache_info.
func TestFailOpen(t *testing.T) {
	h := workers(t, 1, 2)[0]
	h.Cache, h.MaxLocal = down{}, 0
	for _, step := range []struct{ method, want string }{
		{"GET", `"op":"read","version":0,"from":"origin","hit":false`},  // get and set fail
		{"PUT", `"op":"write","version":1,"from":"origin","hit":false`}, // delete fails
		{"GET", `"op":"read","version":1,"from":"origin","hit":false`},  // get and set fail
	} {
		if got := call(t, h, step.method, "/item/3"); !strings.Contains(got, step.want) {
			t.Errorf("%s /item/3: got %s; want it to contain %s", step.method, got, step.want)
		}
	}
	call(t, h, "GET", "/item/3")
	if !strings.Contains(call(t, h, "GET", "/get_cache_info"), `"cache_errors": 8,`) {
		t.Errorf("cache_info: got %s; want 8 cache errors (2 per read, 1 per write, 1 for cache_info itself)", call(t, h, "GET", "/get_cache_info"))
	}
	var st board.Stats
	json.Unmarshal([]byte(call(t, h, "GET", "/stats")), &st)
	// The last read's set failed after its report: it is sent with the next one.
	if st.CacheErrors != 6 || st.Total.Misses != 3 || st.Origin.Writes != 1 {
		t.Errorf("/stats: %d cache errors, %d misses, %d origin writes; want 6, 3, 1", st.CacheErrors, st.Total.Misses, st.Origin.Writes)
	}
}

// The master's settings reach the worker unchanged, the engine's as one query.
func TestArgsRoundTrip(t *testing.T) {
	c := settings(3, 7)
	c.Mode, c.MaxRequests, c.MaxRequestsJitter = "tiered", 40, 4
	o := Options{Settings: c, Shared: "memcached://127.0.0.1:1,127.0.0.1:2", CacheTimeout: 30 * time.Millisecond,
		Grace: 2 * time.Second, Slot: 2, Control: "@ctl", Prefix: "cachepit:ab:"}
	got, err := ParseArgs(o.Args())
	if err != nil || got != o {
		t.Errorf("ParseArgs(%q): got %+v, %v; want %+v", o.Args(), got, err, o)
	}
	if _, err := ParseArgs([]string{"--config=workers=0"}); err == nil {
		t.Error("ParseArgs(--config=workers=0): got no error; want one")
	}
}
