package web

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
)

// Lesson 12 runs 3 host caches of 100 and no per-worker caches: the theory
// table's per-worker and shared rows say whose memory they stand for, so
// their predictions are not read as this system's (review, lesson 12), and
// they count the same 300 entries as the host caches (they counted 600).
func TestTheoryRowsSayWhoseMemory(t *testing.T) {
	c := lesson.All[lesson.Index("replicas")].Config()
	th := view.TheoryOf(c)
	if th.SharedSize != th.Hosts*th.HostSize {
		t.Errorf("lesson 12's theory: a shared cache of %d entries beside %d host caches of %d", th.SharedSize, th.Hosts, th.HostSize)
	}
	got := html(&TheoryPanel{Theory: th, Measured: []view.Measured{{Mode: c.Mode, HostBalancer: c.HostBalancer, Reads: 10, HitRatio: 0.5}}})
	for _, want := range []string{
		"6 per-worker caches of 50 entries (mode local, not this system)",
		"one shared cache of 300 entries (6 × 50, the per-worker caches&#39; memory)",
		"each of the 3 host caches of 100 entries",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("theory panel for lesson 12 lacks %q", want)
		}
	}
	c.Mode = "local"
	c.Hosts = 1
	if got := html(&TheoryPanel{Theory: view.TheoryOf(c), Measured: []view.Measured{{Mode: "local", Reads: 10}}}); strings.Contains(got, "not this system") {
		t.Errorf("per-worker row marked as not this system in a per-worker run")
	}
}

// One entry is "1 entry" (lesson 11 runs caches of 1), and the sentence on a
// per-worker system and its shared cache is two sentences, not a colon.
func TestTheoryWordsGrammar(t *testing.T) {
	c := lesson.All[lesson.Index("stampede")].Config()
	got := html(&TheoryPanel{Theory: view.TheoryOf(c), Measured: []view.Measured{{Mode: c.Mode, Reads: 10}}})
	if !strings.Contains(got, "16 per-worker caches of 1 entry<") || strings.Contains(got, "1 entries") {
		t.Errorf("lesson 11's theory panel does not say \"16 per-worker caches of 1 entry\": %s", got)
	}
	d := lesson.All[lesson.Index("cold-misses")].Config()
	d.Cache = 100
	want := "each of the 4 caches hits like one cache of 100. The same 400 entries in one shared cache hit like one cache of 400."
	if got := theoryWords(view.TheoryOf(d)); !strings.HasSuffix(got, want) {
		t.Errorf("theoryWords = %q; want it to end %q", got, want)
	}
}

// Lesson 11's entries expire: the panel says what Che's approximation
// leaves out rather than offer its 100% as this run's prediction.
func TestTheoryWordsWithTTL(t *testing.T) {
	c := lesson.All[lesson.Index("stampede")].Config()
	got := html(&TheoryPanel{Theory: view.TheoryOf(c), Measured: []view.Measured{{Mode: c.Mode, Reads: 10, TTL: true}}})
	if !strings.Contains(got, "which the prediction does not cover") || strings.Contains(got, "each of the 16 caches hits like one cache of 1") {
		t.Errorf("lesson 11's theory panel does not say what the prediction leaves out: %s", got)
	}
}
