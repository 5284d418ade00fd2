package prefork

import (
	"bufio"
	"fmt"
	"hash/crc32"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/internal/memd"
	"github.com/cachepit/cachepit/real/internal/redisd"
	"github.com/cachepit/cachepit/real/worker"
	"github.com/cachepit/cachepit/sim"
)

// replay sends the engine's request stream for c to base, one request per
// connection, and returns the reads and the hits among them.
func replay(t *testing.T, base string, c sim.Config) (reads, hits int) {
	t.Helper()
	w, err := sim.NewWorkload(c)
	if err != nil {
		t.Fatal(err)
	}
	for range c.Requests {
		key, op := w.Next()
		var a worker.Answer
		if op == sim.Write {
			do(t, "PUT", fmt.Sprintf("%s/item/%d", base, key), &a)
			continue
		}
		do(t, "GET", fmt.Sprintf("%s/item/%d", base, key), &a)
		reads++
		if a.Hit {
			hits++
		}
	}
	return reads, hits
}

// A pool of two Memcached servers holds what one holds: the same stream
// gets the same hits, and each server holds the keys gomemcache's
// ServerList sends it (CRC-32 of the key, mod 2).
func TestPoolHitsLikeOneServer(t *testing.T) {
	c := sim.Default()
	c.Keys, c.Writes, c.Requests, c.Seed = 200, 0.05, 600, 3
	one := memd.Start(t)
	_, base := serve(t, Config{Worker: opts(2, "shared", 0, "memcached://"+one)})
	r1, h1 := replay(t, base, c)
	a, b := memd.Start(t), memd.Start(t)
	_, base = serve(t, Config{Worker: opts(2, "shared", 0, "memcached://"+a+","+b)})
	r2, h2 := replay(t, base, c)
	t.Logf("one server: %d hits of %d reads; a pool of two: %d of %d", h1, r1, h2, r2)
	if r1 != r2 || h1 != h2 || h1 == 0 {
		t.Errorf("hits: one server %d of %d reads, a pool of two %d of %d; want the same, above 0", h1, r1, h2, r2)
	}
	held := [2][]string{metadump(t, a), metadump(t, b)}
	for i, ks := range held {
		if len(ks) == 0 {
			t.Errorf("server %d holds no keys; want its share", i)
		}
		for _, k := range ks {
			if got := crc32.ChecksumIEEE([]byte(k)) % 2; int(got) != i {
				t.Errorf("server %d holds %q, which CRC-32 mod 2 sends to server %d", i, k, got)
			}
		}
	}
}

// Killing one server of two sends only its keys to the origin: the other
// server's keys are still shared hits.
func TestPoolLosesOneServersKeys(t *testing.T) {
	a := memd.Start(t)
	b := memd.Server(t)
	cfg := Config{Worker: opts(2, "shared", 0, "memcached://"+a+","+b.Addr)}
	_, base := serve(t, cfg)
	const n = 100
	for k := range n {
		do(t, "GET", fmt.Sprintf("%s/item/%d", base, k), nil)
	}
	onB := map[int]bool{}
	for _, k := range metadump(t, b.Addr) {
		i, err := strconv.Atoi(k[strings.LastIndex(k, ":")+1:])
		if err != nil {
			t.Fatalf("key %q on server b is not one of ours", k)
		}
		onB[i] = true
	}
	if len(onB) < n/4 || len(onB) > 3*n/4 {
		t.Fatalf("server b holds %d of %d keys; want about half", len(onB), n)
	}
	before := stats(t, base)
	b.Stop()
	for k := range n {
		var ans worker.Answer
		do(t, "GET", fmt.Sprintf("%s/item/%d", base, k), &ans)
		if want := map[bool]string{true: "origin", false: "shared"}[onB[k]]; ans.From != want {
			t.Errorf("key %d (on server b: %v) answered from %s; want %s", k, onB[k], ans.From, want)
		}
	}
	after := stats(t, base)
	misses, errs := after.Total.Misses-before.Total.Misses, after.CacheErrors-before.CacheErrors
	t.Logf("server b held %d of %d keys; with it dead: %d origin reads, %d cache errors", len(onB), n, misses, errs)
	if misses != int64(len(onB)) || errs < int64(len(onB)) {
		t.Errorf("%d origin reads and %d cache errors; want %d reads (server b's keys) and at least as many errors", misses, errs, len(onB))
	}
}

// metadump lists the keys a Memcached holds (lru_crawler metadump all).
func metadump(t *testing.T, addr string) []string {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprint(c, "lru_crawler metadump all\r\n")
	var keys []string
	r := bufio.NewReader(c)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("metadump %s: %v", addr, err)
		}
		f := strings.Fields(line)
		if len(f) == 0 || f[0] == "END" {
			return keys
		}
		k, ok := strings.CutPrefix(f[0], "key=")
		if !ok {
			t.Fatalf("metadump %s: unexpected line %q", addr, line)
		}
		if k, err = url.QueryUnescape(k); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
}

// With Redis, as with Memcached, there is one cache, so the run matches the
// engine's shared mode request for request (Redis has room for every key).
func TestRedisMatchesEngine(t *testing.T) {
	r := redisd.Server(t)
	c := sim.Default()
	c.Keys, c.Writes, c.Requests, c.Seed = 200, 0.05, 500, 5
	_, base := serve(t, Config{Worker: opts(2, "shared", 0, "redis://"+r.Addr)})
	reads, hits := replay(t, base, c)
	c.Mode, c.SharedCache = "shared", c.Keys
	s, err := sim.New(c)
	if err != nil {
		t.Fatal(err)
	}
	s.Run(c.Requests)
	p := s.Stats().Total
	t.Logf("measured %d hits of %d reads; the engine predicts %d of %d", hits, reads, p.Hits, p.Reads)
	if int64(reads) != p.Reads || int64(hits) != p.Hits {
		t.Errorf("measured %d hits of %d reads; the engine predicts %d of %d", hits, reads, p.Hits, p.Reads)
	}
	if st := stats(t, base); st.Total.Stale != 0 || st.CacheErrors != 0 {
		t.Errorf("/stats: %d stale, %d cache errors; want none", st.Total.Stale, st.CacheErrors)
	}
}
