package lesson

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
)

var update = flag.Bool("update", false, "rewrite testdata/notices.txt")

func TestLessonsAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range All {
		if seen[l.Slug] || l.Slug == "" || l.Title == "" || l.Teaches == "" || len(l.Prose) == 0 || l.Question == "" || l.Answer == "" || l.notice == nil {
			t.Errorf("lesson %q incomplete or duplicated", l.Slug)
		}
		seen[l.Slug] = true
		if _, err := sim.ParseQuery(l.Query); err != nil {
			t.Errorf("lesson %s: %v", l.Slug, err)
		}
		if Index(l.Slug) < 0 {
			t.Errorf("Index(%q) = -1", l.Slug)
		}
	}
	for _, l := range All {
		if l.Compare && l.Config().Mode != "local" {
			t.Errorf("%s compares with per-worker caches on the right; per-worker goes left, the fix right", l.Slug)
		}
	}
	if len(All) != 13 {
		t.Errorf("%d lessons; the walkthrough has 13", len(All))
	}
}

// Each lesson's notice reads numbers that show its point.
func TestLessonsShowTheirPoint(t *testing.T) {
	runs := map[string]Run{}
	for _, l := range All {
		r, err := Play(l)
		if err != nil {
			t.Fatalf("%s: %v", l.Slug, err)
		}
		runs[l.Slug] = r
		for _, line := range l.Notice(r) {
			if strings.Contains(line, "NaN") || strings.Contains(line, "%!") {
				t.Errorf("%s: bad notice line %q", l.Slug, line)
			}
		}
	}
	if r := runs["the-post"]; r.Infos[0].Currsize != 1 || r.Infos[1].Currsize != 0 {
		t.Errorf("the-post: infos %+v", r.Infos)
	}
	if r := runs["cold-misses"]; r.Stats.Origin.Reads < 3*r.Partner.Origin.Reads || r.Partner.Origin.Reads != 20 {
		t.Errorf("cold-misses: %d reads per-worker, %d shared", r.Stats.Origin.Reads, r.Partner.Origin.Reads)
	}
	if r := runs["memory"]; r.Partner.HitRatio < r.Stats.HitRatio+0.1 || r.Stats.Memory.Duplicates == 0 {
		t.Errorf("memory: hit ratios %.3f vs %.3f", r.Stats.HitRatio, r.Partner.HitRatio)
	}
	if r := runs["stale-data"]; r.Stats.Total.Stale == 0 || r.Partner.Total.Stale != 0 {
		t.Errorf("stale-data: stale %d vs %d", r.Stats.Total.Stale, r.Partner.Total.Stale)
	}
	if r := runs["route-by-key"]; r.Stats.Memory.Duplicates != 0 || r.Stats.Workers[1].Recycles != 1 {
		t.Errorf("route-by-key: %+v", r.Stats.Memory)
	}
	if r := runs["immutable-data"]; r.Stats.Total.Misses != 0 || r.Stats.Total.Stale != 0 {
		t.Errorf("immutable-data: %d misses, %d stale", r.Stats.Total.Misses, r.Stats.Total.Stale)
	}
	if r := runs["recycling"]; r.Stats.Total.Recycles < 10 || r.Stats.HitRatio >= r.Partner.HitRatio {
		t.Errorf("recycling: %d recycles, hit ratio %.3f vs shared %.3f", r.Stats.Total.Recycles, r.Stats.HitRatio, r.Partner.HitRatio)
	}
	if r := runs["route-by-key"]; r.Config.Clients < 2 || r.Stats.Total.Utilization < 0.5 {
		t.Errorf("route-by-key: %d clients keep the workers %.0f%% busy; the balancer lesson needs busy workers", r.Config.Clients, 100*r.Stats.Total.Utilization)
	}
	checkDeploy(t, runs["deploy"])
	checkStampede(t, runs["stampede"])
}

// The deploy floods the database with per-worker caches, not with a shared
// one, and a rolling deploy keeps the response time far lower.
func checkDeploy(t *testing.T, r Run) {
	d := All[Index("deploy")].Deploys
	at, roll := d[0].Seq, d[1].Seq
	before, all, shared := r.window(0, at-deployWindow, at), r.window(0, at, at+deployWindow), r.window(1, at, at+deployWindow)
	rolling := r.window(0, roll, roll+deployWindow)
	if all.Reads < 3*before.Reads || shared.Reads*10 > all.Reads {
		t.Errorf("deploy: database reads %d before, %d after the deploy per-worker, %d shared", before.Reads, all.Reads, shared.Reads)
	}
	if all.P99 < 2*rolling.P99 || all.P99 <= shared.P99 || all.Peak <= rolling.Peak || all.Peak <= before.Peak {
		t.Errorf("deploy: p99 %d µs at once, %d rolling, %d shared; at most %d fetches at once before, %d at once, %d rolling",
			all.P99, rolling.P99, shared.P99, before.Peak, all.Peak, rolling.Peak)
	}
	if r.Stats.Total.Recycles != 2*int64(r.Config.Workers) {
		t.Errorf("deploy: %d restarts; want two deploys of %d workers", r.Stats.Total.Recycles, r.Config.Workers)
	}
	// The windows compare: each as long as the others, each beginning
	// right after its deploy or ending right at it.
	for _, w := range []struct {
		name     string
		w        window
		from, to int64
	}{{"before", before, at - deployWindow + 1, at}, {"at once", all, at + 1, at + deployWindow},
		{"shared", shared, at + 1, at + deployWindow}, {"rolling", rolling, roll + 1, roll + deployWindow}} {
		if w.w.From != w.from || w.w.To != w.to {
			t.Errorf("deploy: the %s window covers requests %d to %d; want %d to %d", w.name, w.w.From, w.w.To, w.from, w.to)
		}
	}
}

// Per-worker single flight never coalesces sync workers' fetches; the lock
// in the shared cache does, and leaves no duplicate fetch.
func checkStampede(t *testing.T, r Run) {
	st, p := r.Stats, r.Partner
	if r.Config.Threads != 1 || r.Config.Coalesce != "worker" || st.Total.Coalesced != 0 || st.Origin.Duplicates == 0 {
		t.Errorf("stampede: threads %d, coalesce %s: %d coalesced, %d duplicates per-worker", r.Config.Threads, r.Config.Coalesce, st.Total.Coalesced, st.Origin.Duplicates)
	}
	if p.Origin.Duplicates != 0 || p.Total.Coalesced == 0 || p.Origin.Reads*5 > st.Origin.Reads {
		t.Errorf("stampede: shared with a lock: %d duplicates, %d coalesced, %d fetches against %d", p.Origin.Duplicates, p.Total.Coalesced, p.Origin.Reads, st.Origin.Reads)
	}
}

// Every lesson's what-to-notice lines, as lesson.Play gives them, are
// pinned in testdata/notices.txt (rewrite with go test ./lesson -update and
// read what moved): a change of the engine shows in the lessons' words.
func TestNoticesArePinned(t *testing.T) {
	var b strings.Builder
	for _, l := range All {
		r, err := Play(l)
		if err != nil {
			t.Fatalf("%s: %v", l.Slug, err)
		}
		b.WriteString(l.Slug + "\n")
		for _, line := range l.Notice(r) {
			b.WriteString("\t" + line + "\n")
		}
	}
	path := filepath.Join("testdata", "notices.txt")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("notices differ from %s at line %d:\n got %s\nwant %s\nrerun with -update if the change is intended", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("notices differ from %s in length (%d lines, want %d)", path, len(gl), len(wl))
	}
}

// A lesson's notice makes sense at every point of its run, as the page
// shows it while playing: no empty stretch of requests, no missing number.
func TestNoticesWhilePlaying(t *testing.T) {
	for _, l := range All {
		if l.Requests == 0 {
			continue
		}
		r, err := run.New(l.Plan(0))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int64{1, 200, int64(l.Requests) / 3, int64(l.Requests) / 3, int64(l.Requests)} {
			if err := r.Advance(n); err != nil {
				t.Fatal(err)
			}
			for _, line := range l.Notice(Observe(r)) {
				if strings.Contains(line, "none yet") || strings.Contains(line, "NaN") || strings.Contains(line, "%!") {
					t.Errorf("%s at request %d: %q", l.Slug, r.Seq(), line)
				}
			}
		}
	}
}

// Counts read right at zero and one (issue 11 item 12).
func TestNoticeWordsForSmallCounts(t *testing.T) {
	for n, want := range map[int64]string{
		0: "No worker has reached max_requests yet: no recycles so far.",
		1: "1 recycle so far: the new worker started with an empty cache.",
		5: "5 recycles so far; each new worker started with an empty cache.",
	} {
		if got := recycles(n); got != want {
			t.Errorf("recycles(%d) = %q; want %q", n, got, want)
		}
	}
	st := sim.Stats{Counted: 66}
	st.Total.Reads = 63
	if got, want := staleWords(st), "Per-worker: no stale read yet in the first 66 requests (63 of them reads)."; got != want {
		t.Errorf("staleWords = %q; want %q", got, want)
	}
	st.Total.Stale = 3
	if got := staleWords(st); !strings.Contains(got, "3 of the 63 reads so far (4.8%)") {
		t.Errorf("staleWords = %q", got)
	}
}

// Every outage a lesson schedules ends inside the lesson's run, so the
// class sees what comes back, not only what went out.
func TestOutagesEndInsideRun(t *testing.T) {
	for _, l := range All {
		c := l.Config()
		if c.Outage == "" {
			continue
		}
		r, err := Play(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range strings.Split(c.Outage, ",") {
			_, from, to, err := sim.OutageSpan(p)
			if err != nil {
				t.Fatalf("%s: %v", l.Slug, err)
			}
			if to >= r.Stats.Now || from >= to {
				t.Errorf("%s: outage %s runs from %d to %d µs; the lesson ends at %d µs", l.Slug, p, from, to, r.Stats.Now)
			}
		}
	}
}
