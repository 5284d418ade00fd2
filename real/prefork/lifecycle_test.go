package prefork

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/worker"
)

func TestKilledWorkerIsReplaced(t *testing.T) {
	m, base := serve(t, Config{Worker: opts(2, "local", 2, "")})
	old := m.PID(1)
	if err := syscall.Kill(old, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "worker 1 was not replaced", func() bool { return m.PID(1) != old })
	seen := infoByWorker(t, base, 2, 200)
	if seen[1].PID != m.PID(1) || seen[1].PID == old {
		t.Errorf("worker 1 answered from pid %d; want the replacement %d, not %d", seen[1].PID, m.PID(1), old)
	}
	if w := stats(t, base).Workers[1]; w.Generation != 1 || w.PID != m.PID(1) {
		t.Errorf("/stats worker 1: generation %d pid %d; want generation 1 pid %d", w.Generation, w.PID, m.PID(1))
	}
}

func TestRecycleAfterMaxRequests(t *testing.T) {
	m, base := serve(t, Config{Worker: recycle(opts(1, "local", 2, ""), 3)})
	first := m.PID(0)
	for i := 0; i < 3; i++ {
		do(t, "GET", base+"/", nil) // 1 miss, then 2 hits; the third request recycles
	}
	eventually(t, 10*time.Second, "worker 0 was not recycled after 3 requests", func() bool { return m.PID(0) != first })
	var ci cacheInfo
	do(t, "GET", base+"/get_cache_info", &ci)
	if ci.PID == first || ci.counts() != "Currsize 0 Hits 0 Maxsize 2 Misses 0" {
		t.Errorf("after recycling: pid %d %s; want a new process with an empty cache", ci.PID, ci.counts())
	}
	if w := stats(t, base).Workers[0]; w.Recycles != 1 || w.Requests != 3 || w.Hits != 2 {
		t.Errorf("/stats: %d recycles, %d requests, %d hits; want 1, 3, 2", w.Recycles, w.Requests, w.Hits)
	}
}

// countingCommand counts the workers the master tried to start.
func countingCommand(n *atomic.Int32) func([]string) Command {
	return func(args []string) Command { n.Add(1); return testCommand(args) }
}

func TestStartFailsCleanly(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	closed := freeAddr(t)
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"port taken", Config{Addr: taken.Addr().String(), Worker: opts(2, "local", 2, "")}, "already in use"},
		{"memcached unreachable", Config{Addr: "127.0.0.1:0", Worker: opts(2, "shared", 0, "memcached://"+closed)}, "memcached at " + closed + " is unreachable"},
		{"workers out of range", Config{Addr: "127.0.0.1:0", Worker: opts(0, "local", 2, "")}, "workers must be between 1 and 256, got 0"},
		{"shared without address", Config{Addr: "127.0.0.1:0", Worker: opts(1, "tiered", 2, "")}, "needs --shared"},
		{"origin unreachable", Config{Addr: "127.0.0.1:0", Worker: opts(1, "local", 2, ""), Origin: "http://" + closed}, "the origin at http://" + closed + " does not answer"},
		{"origin not a URL", Config{Addr: "127.0.0.1:0", Worker: opts(1, "local", 2, ""), Origin: "127.0.0.1:8001"}, "--origin must look like http://127.0.0.1:8001"},
	}
	for _, tt := range tests {
		var started atomic.Int32
		tt.cfg.Command, tt.cfg.Log = countingCommand(&started), testLog{t}
		_, err := Start(tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got error %v; want one containing %q", tt.name, err, tt.want)
		}
		if n := started.Load(); n != 0 {
			t.Errorf("%s: %d workers started; want none", tt.name, n)
		}
	}
}

// A worker that cannot boot stops the whole start: the workers already
// running are stopped and the port is free again.
func TestBootFailureLeavesNothingRunning(t *testing.T) {
	calls := 0
	var log lockedBuffer
	cfg := Config{Addr: "127.0.0.1:0", Worker: withGrace(opts(2, "local", 2, ""), time.Second), Log: &log}
	cfg.Command = func(args []string) Command {
		if calls++; calls == 2 {
			args = append(args, "--config=mode=bogus") // the second worker fails to boot
		}
		return testCommand(args)
	}
	_, err := Start(cfg)
	t.Log(log.String())
	if err == nil || !errors.Is(err, errBoot) {
		t.Fatalf("got error %v; want a boot failure", err)
	}
	var pid int
	if _, err := fmt.Sscanf(log.String(), "[master %d] booted worker 0 (pid %d)", new(int), &pid); err != nil {
		t.Fatalf("no pid for worker 0 in the log: %v", err)
	}
	if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("worker 0 (pid %d) after the failed start: kill 0 gave %v; want no such process", pid, err)
	}
}

// Idle workers stop at once. (Starting workers through os/exec once made
// the shared socket blocking, and an idle worker then hung in accept until
// the master killed it, half the time.)
func TestIdleShutdownIsQuick(t *testing.T) {
	for i := 0; i < 3; i++ {
		cfg := Config{Addr: "127.0.0.1:0", Worker: withGrace(opts(3, "local", 2, ""), 3*time.Second),
			Command: testCommand, Log: testLog{t}}
		m, err := Start(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- m.Serve(ctx) }()
		time.Sleep(100 * time.Millisecond) // let the workers reach accept: the failure needs it
		start := time.Now()
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("run %d: idle shutdown took %v; want under 1s", i, d)
		}
	}
}

// lockedBuffer is a log that the master and the workers' output may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestShutdownFinishesRequests(t *testing.T) {
	w := withGrace(opts(1, "local", 2, ""), 5*time.Second)
	w.Settings.Cost.Origin = 500_000
	cfg := Config{Addr: "127.0.0.1:0", Worker: w, Command: testCommand, Log: testLog{t}}
	m, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + m.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Serve(ctx) }()
	answered := make(chan worker.Answer, 1)
	go func() {
		var a worker.Answer
		do(t, "GET", base+"/item/1", &a) // a miss: the origin takes 500 ms
		answered <- a
	}()
	eventually(t, 5*time.Second, "the request never reached the origin", func() bool {
		return m.board.Snapshot(0, 0).Total.Requests == 1
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	select {
	case a := <-answered:
		if a.From != "origin" {
			t.Errorf("in-flight request answered %+v; want a read from the origin", a)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the in-flight request never got its answer")
	}
	if c, err := net.Dial("tcp", m.Addr().String()); err == nil {
		c.Close()
		t.Errorf("%v still accepts connections after shutdown", m.Addr())
	}
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
