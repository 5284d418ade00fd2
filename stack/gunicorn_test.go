package stack

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cachepit/cachepit/sim"
)

// The generated Flask app and command line, run under real gunicorn, show
// the pitfall they describe: several pids, each with its own cache; with
// --preload every worker starts with the master's copy.
func TestFlaskUnderGunicorn(t *testing.T) {
	needPython(t, "flask", "python3-flask")
	for _, preload := range []bool{false, true} {
		t.Run(fmt.Sprintf("preload=%v", preload), func(t *testing.T) {
			c := sim.Default()
			c.Workers, c.Cache, c.Keys, c.Preload = 2, 2, 5, preload
			code, err := Generate(c, "flask")
			if err != nil {
				t.Fatal(err)
			}
			base := runGunicorn(t, snippet(t, code, "What you have", "app.py"), snippet(t, code, "What you have", "command line"))
			// Before any item is read: each worker's first answer. A worker that
			// imports the app after the fork may take seconds to boot on a busy machine.
			first := map[int]info{}
			for deadline := time.Now().Add(30 * time.Second); len(first) < 2 && time.Now().Before(deadline); {
				var in info
				get(t, base+"/get_cache_info", &in)
				if _, ok := first[in.Pid]; !ok {
					first[in.Pid] = in
				}
			}
			if len(first) != 2 {
				t.Fatalf("answers from %d pids in 30 s; want the 2 workers: %v", len(first), first)
			}
			for pid, in := range first {
				want := info{Maxsize: 2, Pid: pid}
				if preload { // the master loaded keys 0 and 1 before the fork
					want.Currsize, want.Misses = 2, 2
				}
				if in != want {
					t.Errorf("pid %d first answered %+v; want %+v", pid, in, want)
				}
			}
			last := map[int]info{}
			for range 40 {
				var item map[string]int
				get(t, base+"/item/1", &item)
				var in info
				get(t, base+"/get_cache_info", &in)
				last[in.Pid] = in
			}
			for pid, in := range last {
				if _, ok := first[pid]; !ok {
					t.Errorf("pid %d appeared later: a worker was replaced", pid)
				}
				if in.Currsize < 1 || (preload && in.Currsize != 2) {
					t.Errorf("pid %d: %+v after reading item 1", pid, in)
				}
			}
		})
	}
}

// needPython skips (or fails under CI=true) unless gunicorn is installed
// and its own Python imports module, from Debian package pkg.
func needPython(t *testing.T, module, pkg string) {
	t.Helper()
	path := lookPath(t, "gunicorn", "gunicorn")
	python := "python3"
	if b, err := os.ReadFile(path); err == nil && strings.HasPrefix(string(b), "#!") {
		python = strings.Fields(strings.SplitN(string(b[2:]), "\n", 2)[0])[0] // the interpreter gunicorn runs on
	}
	if err := exec.Command(python, "-c", "import "+module).Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s cannot import %s: apt-get install %s", python, module, pkg)
		}
		t.Skipf("%s cannot import %s; apt-get install %s to run this test", python, module, pkg)
	}
}

type info struct {
	Hits, Misses, Maxsize, Currsize int
	Pid                             int `json:"pid"`
}

func get(t *testing.T, url string, v any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Close = true // a new connection each time, so the kernel picks the worker each time
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// put writes a new value of the item at url, on a new connection.
func put(t *testing.T, url string) {
	t.Helper()
	req, _ := http.NewRequest("PUT", url, strings.NewReader(`{"v": 2}`))
	req.Header.Set("Content-Type", "application/json")
	req.Close = true
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// runGunicorn starts the command line in a directory holding app.py, bound
// to a free loopback port, and returns its base URL once it answers.
func runGunicorn(t *testing.T, app, cmdline string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte(app), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	args := strings.Fields(cmdline)
	cmd := exec.Command(args[0], append([]string{"-b", addr}, args[1:]...)...)
	cmd.Dir = dir
	log := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	for start := time.Now(); time.Since(start) < 20*time.Second; time.Sleep(100 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return "http://" + addr
		}
	}
	t.Fatalf("gunicorn did not answer on %s within 20 s:\n%s", addr, log)
	return ""
}

// A write drops only the written key from the worker's cache, as the engine
// does (lru_cache's cache_clear would drop them all): the generated app under
// real gunicorn, one worker, reads keys 1 to 3, writes key 2, and holds 2 keys.
func TestFlaskWriteDropsOneKey(t *testing.T) {
	needPython(t, "flask", "python3-flask")
	c := sim.Default()
	c.Workers, c.Cache, c.Keys = 1, 5, 5
	code, err := Generate(c, "flask")
	if err != nil {
		t.Fatal(err)
	}
	base := runGunicorn(t, snippet(t, code, "What you have", "app.py"), snippet(t, code, "What you have", "command line"))
	for _, k := range []int{1, 2, 3, 1} {
		var item map[string]int
		get(t, fmt.Sprintf("%s/item/%d", base, k), &item)
	}
	put(t, base+"/item/2")
	for _, k := range []int{1, 3} { // still held: hits
		var item map[string]int
		get(t, fmt.Sprintf("%s/item/%d", base, k), &item)
	}
	var in info
	get(t, base+"/get_cache_info", &in)
	want := info{Hits: 3, Misses: 3, Maxsize: 5, Currsize: 2, Pid: in.Pid}
	if in != want {
		t.Errorf("after reading 1, 2, 3, 1, writing 2, reading 1, 3: %+v; want %+v", in, want)
	}
}

// Lesson 1 is the post's app: GET / calls a cached function without
// arguments and answers {"message": "Stored"}; /get_cache_info then shows the
// one key held. Under real gunicorn, with one worker so that both requests
// reach the same cache.
func TestFlaskPostApp(t *testing.T) {
	needPython(t, "flask", "python3-flask")
	c := lessonConfig(t, "the-post")
	c.Workers = 1
	code, err := Generate(c, "flask")
	if err != nil {
		t.Fatal(err)
	}
	app := snippet(t, code, "What you have", "app.py")
	if strings.Contains(app, "/item/") {
		t.Errorf("lesson 1's app has an /item/ route, which the post's has not:\n%s", app)
	}
	base := runGunicorn(t, app, snippet(t, code, "What you have", "command line"))
	var msg map[string]string
	get(t, base+"/", &msg)
	if msg["message"] != "Stored" {
		t.Errorf("GET / answered %v; want the post's {\"message\": \"Stored\"}", msg)
	}
	var in info
	get(t, base+"/get_cache_info", &in)
	if want := (info{Misses: 1, Maxsize: 2, Currsize: 1, Pid: in.Pid}); in != want {
		t.Errorf("after GET /: %+v; want %+v", in, want)
	}
	for _, name := range []string{"django", "node", "rails"} {
		code, err := Generate(c, name)
		if err != nil {
			t.Fatal(err)
		}
		if have := section(t, code, "What you have"); !strings.Contains(strings.Join(have.Text, " "), "GET /item/0") {
			t.Errorf("%s: lesson 1's code does not say how the post's GET / maps to it: %q", name, have.Text)
		}
	}
}
