package web

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/web/view"
)

// A settled line gives the gap to the prediction as the gap, and the margin
// as the margin (lesson 6 said "within 4.6 points" of a 0.9-point gap).
func TestSettledWordsGiveTheGap(t *testing.T) {
	w := view.Warmup{State: view.Settled, Predicted: 0.610, Recent: 0.601, Reads: 1000, From: 18_976, To: 20_000, Margin: 0.046}
	got := warmupWords(w)
	want := "Settled: the last 1,024 requests hit 60.1%, 0.9 points from Che's 61.0%; with 1,000 reads the margin is 4.6 points."
	if got != want {
		t.Errorf("warmupWords = %q; want %q", got, want)
	}
	w.Recent = 0.619 // above the prediction: the gap is unsigned
	if got := warmupWords(w); !strings.Contains(got, "61.9%, 0.9 points from") {
		t.Errorf("warmupWords above the prediction = %q", got)
	}
}

// The gap is the difference of the figures shown beside it: 60.1% and
// 61.0% are 0.9 points apart, whatever the unrounded ratios.
func TestSettledGapAsShown(t *testing.T) {
	w := view.Warmup{State: view.Settled, Predicted: 0.61049, Recent: 0.60051, Reads: 1000, From: 18_976, To: 20_000, Margin: 0.046}
	if got, want := warmupWords(w), "hit 60.1%, 0.9 points from Che's 61.0%"; !strings.Contains(got, want) {
		t.Errorf("warmupWords = %q; want it to say %q", got, want)
	}
}

// A warming line gives the recent hit ratio and the prediction themselves,
// not one as a share of the other ("46.7% of the steady state" read as a
// hit ratio to a newcomer).
func TestWarmingWordsPlain(t *testing.T) {
	w := view.Warmup{State: view.Warming, Predicted: 0.610, Recent: 0.285, Reads: 900, From: 1000, To: 2000, Margin: 0.046}
	got := warmupWords(w)
	want := "Warming up: the last 1,000 requests hit 28.5%; Che's approximation predicts 61.0% once the caches are warm."
	if got != want {
		t.Errorf("warmupWords = %q; want %q", got, want)
	}
	if strings.Contains(got, view.Pct(w.Of())) {
		t.Errorf("warmupWords = %q still gives the ratio of the two (%s)", got, view.Pct(w.Of()))
	}
}
