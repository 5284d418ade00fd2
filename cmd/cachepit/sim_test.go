//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = dispatch(args, &o, &e)
	return code, o.String(), e.String()
}

func TestSimBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sim", "--workers", "0"}, "workers must be between 1 and 256, got 0"},
		{[]string{"sim", "--alpha", "9"}, "alpha must be in (0, 5], got 9"},
		{[]string{"sim", "--dist", "pareto"}, `dist must be one of uniform, zipf, hotset, scan, got "pareto"`},
		{[]string{"sim", "--seed", "-1"}, "seed must be a whole number"},
		{[]string{"sim", "--scenario", "nope"}, "the only scenario is blog"},
		{[]string{"sim", "extra"}, `unexpected argument "extra"`},
		{[]string{"nosuch"}, `unknown command "nosuch"`},
	} {
		code, out, errOut := runCLI(tc.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line containing %q", tc.args, code, out, errOut, tc.want)
		}
	}
}

func TestSimJSONMatchesEngine(t *testing.T) {
	code, out, errOut := runCLI("sim", "--json", "--workers", "3", "--requests", "5000", "--seed", "9")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Total struct {
			Requests, Hits, Misses, Stale int64
			HitRatio                      float64 `json:"hit_ratio"`
		}
		Origin  struct{ Reads, Writes int64 }
		Workers []struct{ ID, Requests, Hits, Misses, Currsize, Maxsize int64 }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	c := sim.Default()
	c.Workers, c.Requests, c.Seed = 3, 5000, 9
	s, _ := sim.New(c)
	s.Run(c.Requests)
	st := s.Stats()
	if got.Total.Requests != 5000 || got.Total.Hits != st.Total.Hits || got.Total.Misses != st.Total.Misses ||
		got.Total.Stale != st.Total.Stale || got.Total.HitRatio != st.HitRatio || got.Origin.Reads != st.Origin.Reads {
		t.Errorf("json totals %+v, origin %+v; engine %+v", got.Total, got.Origin, st.Total)
	}
	if len(got.Workers) != 3 || got.Workers[2].Hits != st.Workers[2].Hits || got.Workers[2].Maxsize != int64(c.Cache) {
		t.Errorf("json workers %+v", got.Workers)
	}
}

func TestSimTrace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trace.csv")
	if code, _, errOut := runCLI("sim", "--requests", "300", "--warmup", "50", "--trace", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "seq,worker,key,op,served_from,hit,stale" || len(lines) != 351 {
		t.Fatalf("trace header %q, %d lines; want 350 rows", lines[0], len(lines))
	}
	if !strings.HasPrefix(lines[350], "350,") {
		t.Errorf("last row %q", lines[350])
	}
	if code, _, errOut := runCLI("sim", "--trace", filepath.Join(t.TempDir(), "no", "such", "dir.csv")); code != 1 || !strings.Contains(errOut, "no such file") {
		t.Errorf("unwritable trace: exit %d, %q", code, errOut)
	}
}

func TestSimCompareAndBlog(t *testing.T) {
	code, out, _ := runCLI("sim", "--compare", "--requests", "20000")
	if code != 0 || !strings.Contains(out, "origin reads") || !strings.Contains(out, "fewer reads to the origin") {
		t.Errorf("compare: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI("sim", "--scenario", "blog")
	want := `{"Currsize": 1, "Hits": 0, "Maxsize": 2, "Misses": 1}` + "\n" + "$ curl http://127.0.0.1:8000/get_cache_info    # answered by worker 1\n" + `{"Currsize": 0, "Hits": 0, "Maxsize": 2, "Misses": 0}`
	if code != 0 || !strings.Contains(out, want) {
		t.Errorf("blog: exit %d\n%s", code, out)
	}
}

// The time measures reach --json under their documented names.
func TestSimJSONTimeMeasures(t *testing.T) {
	args := []string{"sim", "--json", "--workers", "2", "--clients", "40", "--backlog", "8", "--cpu", "2000", "--requests", "3000", "--origin-conns", "1"}
	code, out, errOut := runCLI(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Latency    struct{ P50, P95, P99 int } `json:"latency_us"`
		Throughput float64                     `json:"throughput_rps"`
		Backlog    struct{ Max int }           `json:"backlog"`
		Refused    int64                       `json:"refused"`
		Origin     struct {
			Peak int   `json:"peak_concurrency"`
			Dups int64 `json:"duplicate_fetches"`
		} `json:"origin"`
		Workers []struct{ Utilization float64 } `json:"workers"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	c := sim.Default()
	c.Workers, c.Clients, c.Backlog, c.Cost.CPU, c.Requests, c.OriginConns = 2, 40, 8, 2000, 3000, 1
	s, _ := sim.New(c)
	s.Run(c.Requests)
	st := s.Stats()
	if got.Throughput != st.Throughput || got.Backlog.Max != 8 || got.Refused != st.Refused || got.Refused == 0 ||
		got.Origin.Peak != 1 || got.Origin.Dups != st.Origin.Duplicates || got.Latency.P99 != st.Latency.P99 ||
		len(got.Workers) != 2 || got.Workers[1].Utilization != st.Workers[1].Utilization || got.Workers[1].Utilization < 0.9 {
		t.Errorf("json %+v; engine throughput %v, refused %d, origin %+v, latency %+v", got, st.Throughput, st.Refused, st.Origin, st.Latency)
	}
}
