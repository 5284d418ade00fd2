package worker

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/real/cache"
	"github.com/cachepit/cachepit/real/control"
	"github.com/cachepit/cachepit/real/origin"
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
	srv := &http.Server{Handler: control.Handler(origin.New(0), board.New(board.Settings{Workers: n, Cache: size}))}
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
		{0, "/get_cache_info", fmt.Sprintf(`{"Currsize": 1, "Hits": 0, "Maxsize": 2, "Misses": 1, "pid": %d, "worker": 0}`, pid)},
		{1, "/get_cache_info", fmt.Sprintf(`{"Currsize": 0, "Hits": 0, "Maxsize": 2, "Misses": 0, "pid": %d, "worker": 1}`, pid)},
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
	for _, path := range []string{"/item/x", "/item/-1", "/item/10000000"} {
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
