package prefork

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/real/worker"
	"github.com/cachepit/cachepit/sim"
)

// The test binary doubles as the worker executable: the master re-executes
// it with this variable set, as cachepit re-executes itself.
const asWorker = "CACHEPIT_TEST_AS_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(asWorker) == "1" {
		os.Exit(worker.Main(os.Args[1:], os.Stderr))
	}
	os.Exit(m.Run())
}

func testCommand(args []string) Command {
	// A race-enabled binary sleeps 1 s at exit by default; workers exit often here.
	env := append(os.Environ(), asWorker+"=1", "GORACE=atexit_sleep_ms=0")
	return Command{Path: os.Args[0], Args: append([]string{os.Args[0]}, args...), Env: env}
}

// serve starts a master on a free port and stops it when the test ends.
func serve(t *testing.T, cfg Config) (*Master, string) {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	if cfg.Command == nil {
		cfg.Command = testCommand
	}
	if cfg.Log == nil {
		cfg.Log = testLog{t}
	}
	if cfg.Worker.Grace == 0 {
		cfg.Worker.Grace = 2 * time.Second
	}
	m, err := Start(cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return m, "http://" + m.Addr().String()
}

// testLog sends the server's log lines to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// client opens a new connection for every request, as curl does, so the
// kernel chooses the worker each time.
var client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}

func do(t *testing.T, method, url string, v any) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s: %s", method, url, resp.Status, body)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s %s: %v in %s", method, url, err, body)
		}
	}
}

// cacheInfo is /get_cache_info's answer.
type cacheInfo struct {
	Currsize, Hits, Maxsize, Misses int64
	PID                             int `json:"pid"`
	Worker                          int `json:"worker"`
}

func (c cacheInfo) counts() string {
	return fmt.Sprintf("Currsize %d Hits %d Maxsize %d Misses %d", c.Currsize, c.Hits, c.Maxsize, c.Misses)
}

// infoByWorker asks /get_cache_info over new connections until every one
// of n workers has answered, or fails after tries requests.
func infoByWorker(t *testing.T, base string, n, tries int) map[int]cacheInfo {
	t.Helper()
	seen := map[int]cacheInfo{}
	for i := 0; i < tries && len(seen) < n; i++ {
		var ci cacheInfo
		do(t, "GET", base+"/get_cache_info", &ci)
		seen[ci.Worker] = ci
	}
	if len(seen) < n {
		t.Fatalf("only workers %v answered in %d requests; want all %d", keys(seen), tries, n)
	}
	return seen
}

func keys[V any](m map[int]V) []int {
	var k []int
	for i := range m {
		k = append(k, i)
	}
	return k
}

func stats(t *testing.T, base string) board.Stats {
	t.Helper()
	var s board.Stats
	do(t, "GET", base+"/stats", &s)
	return s
}

// eventually polls cond every 20 ms until it holds or the deadline passes.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// opts are the settings of n workers in mode, with local caches of size
// (or the engine's default) and the shared cache at shared.
func opts(n int, mode string, size int, shared string) worker.Options {
	c := sim.Default()
	c.Workers, c.Mode = n, mode
	c.Cost.Origin = 0 // the origin answers at once unless a test sets its delay
	if size > 0 {
		c.Cache = size
	}
	// A generous cache timeout: a busy test machine should not turn a slow
	// answer into a counted error and a hit into a miss.
	return worker.Options{Settings: c, Shared: shared, CacheTimeout: 500 * time.Millisecond}
}

func recycle(o worker.Options, after int) worker.Options {
	o.Settings.MaxRequests = after
	return o
}

func withGrace(o worker.Options, d time.Duration) worker.Options {
	o.Grace = d
	return o
}
