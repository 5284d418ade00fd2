package stack

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/cachepit/cachepit/sim"
)

// The generated fix, run under real gunicorn against a real Redis: one miss
// per key for all workers together, and one delete on write reaches them all.
func TestFlaskFixUnderGunicorn(t *testing.T) {
	needPython(t, "flask_caching, redis", "python3-flask-caching python3-redis")
	redis := startRedis(t)
	t.Setenv("CACHE_REDIS_URL", "redis://"+redis+"/0")
	c := sim.Default()
	c.Workers, c.Mode = 2, "shared"
	code, err := Generate(c, "flask")
	if err != nil {
		t.Fatal(err)
	}
	base := runGunicorn(t, snippet(t, code, "What you have", "app.py"), snippet(t, code, "What you have", "command line"))
	type counts struct{ Hits, Misses, Pid int }
	// both reads every worker's counters, asking until both pids answered.
	both := func() (hits, misses int) {
		seen := map[int]counts{}
		for deadline := time.Now().Add(30 * time.Second); len(seen) < 2 && time.Now().Before(deadline); {
			var in counts
			get(t, base+"/get_cache_info", &in)
			seen[in.Pid] = in
		}
		if len(seen) != 2 {
			t.Fatalf("answers from %d pids in 30 s; want the 2 workers", len(seen))
		}
		for _, in := range seen {
			hits, misses = hits+in.Hits, misses+in.Misses
		}
		return hits, misses
	}
	both() // both workers are up
	read := func(n int) {
		for range n {
			var item map[string]int
			get(t, base+"/item/1", &item)
		}
	}
	read(20)
	if hits, misses := both(); hits != 19 || misses != 1 {
		t.Errorf("after 20 reads of one key: %d hits, %d misses in both workers; want 19 and 1", hits, misses)
	}
	put(t, base+"/item/1")
	read(20)
	if hits, misses := both(); hits != 38 || misses != 2 {
		t.Errorf("after a write and 20 more reads: %d hits, %d misses; want 38 and 2 (the delete reached every worker)", hits, misses)
	}
}

// startRedis runs a private redis-server on a free loopback port, without
// persistence, stopped when the test ends.
func startRedis(t *testing.T) string {
	t.Helper()
	bin := lookPath(t, "redis-server", "redis-server")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	l.Close()
	cmd := exec.Command(bin, "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no", "--dir", t.TempDir())
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return addr
		}
	}
	t.Fatal(fmt.Sprintf("redis-server did not listen on %s", addr))
	return ""
}
