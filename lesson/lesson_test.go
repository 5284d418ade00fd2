package lesson

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func TestLessonsAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range All {
		if seen[l.Slug] || l.Slug == "" || l.Title == "" || len(l.Prose) == 0 || l.Question == "" || l.Answer == "" || l.notice == nil {
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
	if len(All) != 9 {
		t.Errorf("%d lessons; the walkthrough has 9", len(All))
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
