package web

import (
	"github.com/cachepit/cachepit/lesson"
	"regexp"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/web/view"
)

// A settled line gives the gap to the prediction as the gap, and the margin
// as the margin (lesson 6 said "within 4.6 points" of a 0.9-point gap).
func TestSettledWordsGiveTheGap(t *testing.T) {
	w := view.Warmup{State: view.Settled, Predicted: 0.610, Recent: 0.601, Reads: 1000, From: 18_976, To: 20_000, Margin: 0.046}
	got := warmupWords(w, "")
	want := "Settled: the last 1,024 requests hit 60.1%, 0.9 points from Che's 61.0%; with 1,000 reads the margin is 4.6 points."
	if got != want {
		t.Errorf("warmupWords = %q; want %q", got, want)
	}
	w.Recent = 0.619 // above the prediction: the gap is unsigned
	if got := warmupWords(w, ""); !strings.Contains(got, "61.9%, 0.9 points from") {
		t.Errorf("warmupWords above the prediction = %q", got)
	}
}

// The gap is the difference of the figures shown beside it: 60.1% and
// 61.0% are 0.9 points apart, whatever the unrounded ratios.
func TestSettledGapAsShown(t *testing.T) {
	w := view.Warmup{State: view.Settled, Predicted: 0.61049, Recent: 0.60051, Reads: 1000, From: 18_976, To: 20_000, Margin: 0.046}
	if got, want := warmupWords(w, ""), "hit 60.1%, 0.9 points from Che's 61.0%"; !strings.Contains(got, want) {
		t.Errorf("warmupWords = %q; want it to say %q", got, want)
	}
}

// A warming line gives the recent hit ratio and the prediction themselves,
// not one as a share of the other ("46.7% of the steady state" read as a
// hit ratio to a newcomer).
func TestWarmingWordsPlain(t *testing.T) {
	w := view.Warmup{State: view.Warming, Predicted: 0.610, Recent: 0.285, Reads: 900, From: 1000, To: 2000, Margin: 0.046}
	got := warmupWords(w, "")
	want := "Warming up: the last 1,000 requests hit 28.5%; Che's approximation predicts 61.0% once the caches are warm."
	if got != want {
		t.Errorf("warmupWords = %q; want %q", got, want)
	}
	if strings.Contains(got, view.Pct(w.Of())) {
		t.Errorf("warmupWords = %q still gives the ratio of the two (%s)", got, view.Pct(w.Of()))
	}
}

// lessonTheory is the theory panel of lesson slug at request at (its end
// when 0), as the lesson page builds it, in HTML.
func lessonTheory(t *testing.T, slug string, at int64) string {
	t.Helper()
	i := lesson.Index(slug)
	l := lesson.All[i]
	r, err := view.NewLessonRunner(l, view.LessonState{Index: i, At: -1}.Page())
	if err != nil {
		t.Fatal(err)
	}
	if at == 0 {
		at = l.End()
	}
	if err := r.Advance(at); err != nil {
		t.Fatal(err)
	}
	views := r.Views()
	return html(&TheoryPanel{Theory: l.Prediction(), Measured: view.MeasuredOf(views), Warmups: view.WarmupsOf(l.Prediction(), views), Skip: true})
}

// Lesson 2 ends with every cache full: the panel says so, and that the
// 80.0% beside Che's 100.0% is the cold misses still in the window, not
// that the caches will be warm one day (review: "Warming up … Che predicts
// 100%" while every cache was full).
func TestColdMissesSayFull(t *testing.T) {
	got := lessonTheory(t, "cold-misses", 0)
	if got := idText(got, "theory-local-recent"); got != "80.0%" {
		t.Errorf("lesson 2's recent column shows %q for the per-worker caches; want 80.0%%", got)
	}
	for _, want := range []string{
		"Per-worker caches: Warm: every cache was full by request 318, and the 82 reads since hit 100.0% (Che&#39;s approximation: 100.0%); " +
			"the last 400 requests hit 80.0% because they still hold the warm-up, the misses that filled them.",
		"Shared cache: Warm: the cache was full by request 64,",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lesson 2's theory panel at its end lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Warming up") || strings.Contains(got, "once the caches are warm") {
		t.Errorf("lesson 2's theory panel says the full caches are warming up:\n%s", got)
	}
	if early := lessonTheory(t, "cold-misses", 100); !strings.Contains(early, "Per-worker caches: Warming up: the last 100 requests hit") {
		t.Errorf("at request 100, with the per-worker caches still filling, the panel does not say they warm up:\n%s", early)
	}
}

// The caveat under the theory table names only what the lesson has:
// lesson 10 restarts its workers and has no writes and no TTL (review:
// "leaves out writes, TTLs and restarts"); lesson 2 has none of them.
func TestCaveatNamesWhatTheLessonHas(t *testing.T) {
	tests := []struct{ slug, want string }{
		{"deploy", "Predictions leave out worker restarts; "},
		{"stale-data", "Predictions leave out writes; "},
		{"stampede", "Predictions leave out TTLs; "},
		{"cold-misses", "Predictions are for caches that nothing empties or invalidates, as here; "},
	}
	for _, tt := range tests {
		got := lessonTheory(t, tt.slug, 0)
		if !strings.HasPrefix(idText(got, "theory-caveat"), tt.want) {
			t.Errorf("lesson %s's theory panel: want the caveat %q in\n%s", tt.slug, tt.want, got)
		}
	}
}

// A steady line says what keeps the run off the prediction, if the system
// has any of it.
func TestSteadyWordsNameWhatIsLeftOut(t *testing.T) {
	w := view.Warmup{State: view.Steady, Predicted: 1, Recent: 0.944, Windows: []float64{0.944, 0.95, 0.94}}
	if got, want := warmupWords(w, "writes"), "Steady: the last three windows hit 94.0% to 95.0%, 5.6 points off Che's 100.0%, which leaves out writes."; got != want {
		t.Errorf("warmupWords = %q; want %q", got, want)
	}
	if got := warmupWords(w, ""); !strings.HasSuffix(got, "Che's 100.0%, an approximation.") {
		t.Errorf("warmupWords with nothing left out = %q", got)
	}
}

// idText is the first text inside the element with id in page, rendered
// by html.
func idText(page, id string) string {
	loc := regexp.MustCompile(`\sid="` + regexp.QuoteMeta(id) + `"[^>]*>`).FindStringIndex(page)
	if loc == nil {
		return ""
	}
	return regexp.MustCompile(`^(?:\s*<[^>]*>)*\s*([^<]*)`).FindStringSubmatch(page[loc[1]:])[1]
}

// Lesson 10 ends with its per-worker caches refilling after the rolling
// deploy: the panel says so, not "Warming up" as if the run had just
// begun; the shared cache, which no deploy empties, has settled.
func TestDeployEndSaysRefilling(t *testing.T) {
	got := lessonTheory(t, "deploy", 0)
	line := idText(got, "warmup-0")
	if want := "Per-worker caches: Refilling after the deploy: the last 3,072 requests hit 91.0%; " +
		"Che&#39;s approximation predicts 100.0% once the caches are warm again."; line != want {
		t.Errorf("lesson 10's end: %q; want %q", line, want)
	}
	if line := idText(got, "warmup-1"); !strings.HasPrefix(line, "Shared cache: Settled:") {
		t.Errorf("lesson 10's end, shared cache: %q", line)
	}
	// Before the first deploy the same caches are warming up from empty.
	if early := idText(lessonTheory(t, "deploy", 3000), "warmup-0"); strings.Contains(early, "Refilling") {
		t.Errorf("lesson 10 before its deploys: %q", early)
	}
}

// The refilling line names what emptied the caches.
func TestRefillWords(t *testing.T) {
	w := view.Warmup{State: view.Warming, Predicted: 0.61, Recent: 0.285, Reads: 900, From: 1000, To: 2000, Refill: "the restart"}
	if got, want := warmupWords(w, ""), "Refilling after the restart: the last 1,000 requests hit 28.5%; Che's approximation predicts 61.0% once the caches are warm again."; got != want {
		t.Errorf("warmupWords = %q; want %q", got, want)
	}
}
