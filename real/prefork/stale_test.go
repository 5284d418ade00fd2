package prefork

import (
	"testing"

	"github.com/cachepit/cachepit/real/internal/memd"
	"github.com/cachepit/cachepit/real/internal/redisd"
	"github.com/cachepit/cachepit/real/worker"
)

// staleAfterWrite caches key on both workers, writes it once, then reads it
// until both workers have answered again. It returns the writer and the
// reads after the write, by worker.
func staleAfterWrite(t *testing.T, base string) (writer int, after map[int][]worker.Answer) {
	t.Helper()
	const url = "/item/7"
	before := map[int]bool{}
	for i := 0; i < 200 && len(before) < 2; i++ {
		var a worker.Answer
		do(t, "GET", base+url, &a)
		before[a.Worker] = true
	}
	if len(before) < 2 {
		t.Fatalf("only workers %v answered in 200 reads; want both", keys(before))
	}
	var w worker.Answer
	do(t, "PUT", base+url, &w)
	if w.Op != "write" || w.Version != 1 {
		t.Fatalf("PUT %s: got %+v; want a write to version 1", url, w)
	}
	after = map[int][]worker.Answer{}
	for i := 0; i < 200 && len(after) < 2; i++ {
		var a worker.Answer
		do(t, "GET", base+url, &a)
		after[a.Worker] = append(after[a.Worker], a)
	}
	if len(after) < 2 {
		t.Fatalf("only workers %v answered in 200 reads after the write; want both", keys(after))
	}
	return w.Worker, after
}

// A write drops the key from the writer's cache only: the other worker keeps
// answering the old version, and the server counts those reads as stale.
func TestStaleReadsWithLocalCaches(t *testing.T) {
	_, base := serve(t, Config{Worker: opts(2, "local", 10, "")})
	writer, after := staleAfterWrite(t, base)
	var stale int64
	for w, answers := range after {
		for _, a := range answers {
			switch {
			case w == writer && (a.Version != 1 || a.Stale):
				t.Errorf("writer %d answered %+v; want version 1, not stale", w, a)
			case w != writer && (a.Version != 0 || !a.Stale || a.From != "local"):
				t.Errorf("worker %d answered %+v; want the old version 0 from its local cache, stale", w, a)
			}
			if a.Stale {
				stale++
			}
		}
	}
	if got := stats(t, base).Total.Stale; got != stale || got == 0 {
		t.Errorf("/stats counts %d stale reads; the answers showed %d (want the same, above 0)", got, stale)
	}
}

// With Memcached the write deletes the one shared copy: nobody is stale.
func TestNoStaleReadsWithMemcached(t *testing.T) {
	mc := memd.Start(t)
	_, base := serve(t, Config{Worker: opts(2, "shared", 0, "memcached://"+mc)})
	_, after := staleAfterWrite(t, base)
	for w, answers := range after {
		for _, a := range answers {
			if a.Version != 1 || a.Stale {
				t.Errorf("worker %d answered %+v; want version 1, not stale", w, a)
			}
		}
	}
	s := stats(t, base)
	if s.Total.Stale != 0 || s.Total.SharedHits == 0 {
		t.Errorf("/stats: %d stale reads, %d shared hits; want 0 stale and some shared hits", s.Total.Stale, s.Total.SharedHits)
	}
}

// With Redis too the write deletes the one shared copy: nobody is stale.
func TestNoStaleReadsWithRedis(t *testing.T) {
	r := redisd.Server(t)
	_, base := serve(t, Config{Worker: opts(2, "shared", 0, "redis://"+r.Addr+"/1")})
	_, after := staleAfterWrite(t, base)
	for w, answers := range after {
		for _, a := range answers {
			if a.Version != 1 || a.Stale || a.From == "local" {
				t.Errorf("worker %d answered %+v; want version 1, not stale", w, a)
			}
		}
	}
	s := stats(t, base)
	if s.Total.Stale != 0 || s.Total.SharedHits == 0 || s.CacheErrors != 0 {
		t.Errorf("/stats: %d stale reads, %d shared hits, %d cache errors; want 0 stale, some shared hits, no errors", s.Total.Stale, s.Total.SharedHits, s.CacheErrors)
	}
}
