package lesson

import (
	"regexp"
	"testing"

	"github.com/cachepit/cachepit/run"
)

// emptyFigure matches a ratio, rate or percentile printed as zero: what a
// figure over a stretch with no request in it reads when it is printed as
// a number ("0.0%", "0.0 per key", "0 before the outage", "p99 0.0 ms").
var emptyFigure = regexp.MustCompile(`(^|[^\d.,])0(\.0)?(%| per key| µs| ms| before| during|\.$)`)

// At every moment a lesson pauses before a stretch has a request in it (its
// first request, Reset, each of its marks and restarts and the requests
// right after),
// no ratio, rate or percentile over that stretch is printed as a number:
// the line says the stretch has just begun.
func TestNoFigureOverAnEmptyStretch(t *testing.T) {
	for _, l := range All {
		ats := []int64{0}
		for _, m := range l.Marks {
			ats = append(ats, m.Seq, m.Seq+1, m.Seq+3)
		}
		for _, x := range l.Restarts { // the stretch since a restart starts there
			ats = append(ats, x.Seq, x.Seq+1)
		}
		r, err := run.New(l.Plan(0))
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range ats {
			if err := r.Advance(at - r.Seq()); err != nil {
				t.Fatal(err)
			}
			for _, line := range l.Notice(Observe(r)) {
				if emptyFigure.MatchString(line) {
					t.Errorf("%s at request %d: %q", l.Slug, at, line)
				}
			}
		}
	}
}
