package view

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/run"
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
