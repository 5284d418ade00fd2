package lesson

import (
	"regexp"
	"testing"

	"github.com/cachepit/cachepit/run"
)

// onePlural is "1" before a plural noun: "1 requests", "1 database reads".
var onePlural = regexp.MustCompile(`\b1 (requests|database reads|different keys|keys|entries|reads|fetches)\b`)

// TestOneIsSingular: early in a lesson, when a count is 1, the notice says
// "1 database read", not "1 database reads" (lesson 2 at its first request,
// lesson 11 when one request has waited).
func TestOneIsSingular(t *testing.T) {
	for _, l := range All {
		r, err := run.New(l.Plan(0))
		if err != nil {
			t.Fatal(err)
		}
		for at := int64(1); at <= 40 && at <= int64(l.Requests); at++ {
			if err := r.Advance(at - r.Seq()); err != nil {
				t.Fatal(err)
			}
			for _, line := range l.Notice(Observe(r)) {
				if m := onePlural.FindString(line); m != "" {
					t.Errorf("%s at request %d: %q in %q", l.Slug, at, m, line)
				}
			}
		}
	}
}
