package view

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
)

// TestRefillingInsight: after a restart the system says how the new
// process's cache does against the worker's before it, while it refills,
// and stops once the cache is full again.
func TestRefillingInsight(t *testing.T) {
	st := DefaultPage()
	st.Restarts = []Restart{{Seq: 5000, Worker: 2}}
	r, err := NewRunner(st)
	if err != nil {
		t.Fatal(err)
	}
	says := func() string {
		for _, l := range Insights(r.Views()[0]) {
			if strings.Contains(l, "restarted") {
				return l
			}
		}
		return ""
	}
	r.Advance(5000)
	if got := says(); got != "" {
		t.Errorf("at the restart, before any read: %q", got)
	}
	r.Advance(100)
	got := says()
	v := r.Views()[0].Workers[2]
	since := v.Info.Hits + v.Info.Misses
	want := "Worker 2 restarted with an empty cache: since then its cache has answered " + Count(v.Info.Hits) + " of " + Plural(since, "read") +
		" (" + Pct(float64(v.Info.Hits)/float64(since)) + "), against " + Pct(float64(v.Stats.Hits-v.Info.Hits)/float64(v.Stats.Reads-since)) + " of its reads before the restart"
	if !strings.HasPrefix(got, want) {
		t.Errorf("100 requests after the restart: %q; want it to start %q", got, want)
	}
	for i := 0; i < 100 && r.Views()[0].Workers[2].Info.Currsize < r.Views()[0].Workers[2].Info.Maxsize; i++ {
		r.Advance(1000)
	}
	if got := says(); got != "" {
		t.Errorf("with its cache full again: %q", got)
	}
	shared := DefaultPage()
	shared.Config.Mode = "shared"
	shared.Restarts = st.Restarts
	rs, _ := NewRunner(shared)
	rs.Advance(5100)
	for _, l := range Insights(rs.Views()[0]) {
		if strings.Contains(l, "restarted") {
			t.Errorf("shared mode: %q (a worker has no cache of its own to refill)", l)
		}
	}
}

// After "Restart all (deploy)" the insight says every worker restarted, not
// only the one it then follows (review: "Worker 3 restarted ..." alone).
func TestRefillingAfterDeploy(t *testing.T) {
	st := DefaultPage()
	st.Deploys = []run.Deploy{{Seq: 5000}}
	r, err := NewRunner(st)
	if err != nil {
		t.Fatal(err)
	}
	r.Advance(5100)
	var got string
	for _, l := range Insights(r.Views()[0]) {
		if strings.Contains(l, "restarted") {
			got = l
		}
	}
	if want := "All 4 workers restarted with empty caches and are still filling them. Worker "; !strings.HasPrefix(got, want) {
		t.Errorf("100 requests after a deploy: %q; want it to start %q", got, want)
	}
	st.Deploys = nil
	st.Restarts = []Restart{{Seq: 5000, Worker: 1}, {Seq: 5000, Worker: 3}}
	r, _ = NewRunner(st)
	r.Advance(5100)
	got = ""
	for _, l := range Insights(r.Views()[0]) {
		if strings.Contains(l, "restarted") {
			got = l
		}
	}
	if want := "Workers 1 and 3 restarted with empty caches"; !strings.HasPrefix(got, want) {
		t.Errorf("after restarting workers 1 and 3: %q; want it to start %q", got, want)
	}
}

// Mid-way through a rolling deploy the sentence names only the workers
// the deploy has restarted and whose caches are below their steady fill,
// not those still waiting for their turn (review of lesson 10: "Workers 0,
// 1, … 11, 13, 14 and 15 restarted with empty caches and are still filling
// them", while 13 to 15 were the previous deploy's processes, 94 to 98 of
// 100 entries full).
func TestRefillingNamesTheWave(t *testing.T) {
	type w struct {
		gen             int
		ready, cur, got int64 // µs its process started; entries; reads since (half hits)
	}
	system := func(ws ...w) System {
		v := System{Config: sim.Default()}
		v.Config.Mode = "local"
		for i, x := range ws {
			v.Workers = append(v.Workers, Worker{
				Stats: sim.WorkerStats{ID: i, Generation: x.gen, ReadyAt: x.ready, Reads: x.got + 1000, Hits: x.got/2 + 900},
				Info:  sim.CacheInfo{Hits: x.got / 2, Misses: x.got - x.got/2, Maxsize: 100, Currsize: x.cur},
			})
		}
		return v
	}
	for _, tt := range []struct {
		name string
		v    System
		want string // how the line starts; "" for no line
	}{
		{"rolling, three restarted, one booting",
			system(w{2, 6_700_000, 16, 28}, w{2, 6_800_000, 13, 16}, w{2, 6_900_000, 2, 4}, w{2, 7_000_000, 0, 0},
				w{1, 3_400_000, 91, 700}, w{1, 3_400_000, 97, 700}, w{1, 3_400_000, 94, 700}),
			"Workers 0, 1 and 2 restarted with empty caches and are still filling them. Worker 2, "},
		{"rolling, one restarted and caught up with the others",
			system(w{2, 6_700_000, 95, 900}, w{2, 6_800_000, 40, 60}, w{1, 3_400_000, 94, 700}, w{1, 3_400_000, 95, 700}),
			"Worker 1 restarted with an empty cache: "},
		{"rolling, the first still booting",
			system(w{2, 6_700_000, 0, 0}, w{1, 3_400_000, 91, 700}, w{1, 3_400_000, 97, 700}),
			""},
		{"all at once",
			system(w{1, 3_400_000, 76, 300}, w{1, 3_400_000, 80, 300}, w{1, 3_400_100, 74, 290}),
			"All 3 workers restarted with empty caches and are still filling them. Worker 2, "},
		{"one restart, the others full",
			system(w{0, 0, 100, 900}, w{1, 3_400_000, 60, 90}, w{0, 0, 100, 900}),
			"Worker 1 restarted with an empty cache: "},
		{"never restarted",
			system(w{0, 0, 60, 90}, w{0, 0, 70, 90}),
			""},
	} {
		got := refilling(tt.v)
		if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant it to start %q", tt.name, got, tt.want)
		}
	}
}
