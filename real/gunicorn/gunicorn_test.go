package gunicorn

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// need skips the test without gunicorn and Flask, and fails it under CI.
func need(t *testing.T) {
	t.Helper()
	if m := Missing(); m != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(m)
		}
		t.Skip(m)
	}
}

type logger struct{ t *testing.T }

func (l logger) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func start(t *testing.T, query string) *Server {
	t.Helper()
	need(t)
	s, err := Start(Options{Query: query, Log: logger{t}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func get(t *testing.T, method, url string, v any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s", method, url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
}

// The Python cache follows functools.lru_cache's rules: test_lru.py replays
// traces through both.
func TestLRUAsFunctools(t *testing.T) {
	cmd := exec.Command(Python, "-m", "unittest", "-q", "test_lru")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("python3 -m unittest test_lru: %v\n%s", err, out)
	}
}

type item struct {
	Version uint32
	Hit     bool
	Stale   bool
	Worker  int
}

// The post's two endpoints, then a write seen by the writer and the origin
// while another worker keeps answering its old copy: a stale read, counted
// on /stats. One server for both: each start boots Flask in every worker.
func TestPostThenStaleRead(t *testing.T) {
	s := start(t, "workers=2&cache=10&cost-origin=0")
	var m map[string]string
	get(t, "GET", s.URL+"/", &m)
	if m["message"] != "Stored" {
		t.Errorf("/: %v; want message Stored", m)
	}
	// Same server, one answer stored, two different answers.
	infos := map[int]map[string]int{}
	for i := 0; len(infos) < 2; i++ {
		if i == 200 {
			t.Fatalf("200 requests reached workers %v only", infos)
		}
		var ci map[string]int
		get(t, "GET", s.URL+"/get_cache_info", &ci)
		infos[ci["worker"]] = ci
	}
	stored := infos[0]["Currsize"] + infos[1]["Currsize"]
	for w, ci := range infos {
		if ci["Maxsize"] != 10 || ci["Hits"] != 0 || ci["Misses"] != ci["Currsize"] {
			t.Errorf("worker %d's cache_info %v; want Maxsize 10, no hits, a miss per entry", w, ci)
		}
	}
	if stored != 1 {
		t.Errorf("cache_info Currsize %d and %d; want 1 and 0: only the worker that served / stored it", infos[0]["Currsize"], infos[1]["Currsize"])
	}

	holds := map[int]bool{}
	for i := 0; len(holds) < 2; i++ {
		if i == 200 {
			t.Fatalf("200 reads reached workers %v only", holds)
		}
		var a item
		get(t, "GET", s.URL+"/item/7", &a)
		holds[a.Worker] = true
	}
	var w item
	get(t, "PUT", s.URL+"/item/7", &w)
	if w.Version != 1 {
		t.Fatalf("write: version %d; want 1", w.Version)
	}
	for i := 0; ; i++ {
		if i == 200 {
			t.Fatal("200 reads after the write and no worker but the writer answered")
		}
		var a item
		get(t, "GET", s.URL+"/item/7", &a)
		if a.Worker == w.Worker {
			continue
		}
		if !a.Hit || !a.Stale || a.Version != 0 {
			t.Fatalf("the other worker answered %+v; want a stale hit of version 0", a)
		}
		break
	}
	var st struct {
		Total  struct{ Stale, Writes int64 }
		Config string `json:"config"`
	}
	get(t, "GET", s.URL+"/stats", &st)
	if st.Total.Stale < 1 || st.Total.Writes != 1 {
		t.Errorf("/stats: %d stale, %d writes; want at least 1 and exactly 1", st.Total.Stale, st.Total.Writes)
	}
	if !strings.Contains(st.Config, "workers=2") || !strings.Contains(st.Config, "cache=10") {
		t.Errorf("/stats config %q; want workers=2 and cache=10", st.Config)
	}
}

func TestBadSettings(t *testing.T) {
	need(t)
	for q, want := range map[string]string{
		"mode=shared": "mode local",
		"workers=0":   "workers must be between 1 and 256",
		"colour=red":  "unknown setting",
	} {
		if _, err := Start(Options{Query: q, Log: logger{t}}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Start(%q): %v; want an error containing %q", q, err, want)
		}
	}
}
