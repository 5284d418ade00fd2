package lesson

import (
	"regexp"
	"strings"
	"testing"
)

var someStale = regexp.MustCompile(`(^|[^\d,])[1-9][\d,]* stale reads`)

// A lesson that shows stale reads says where they come from: its settings
// line gives the write rate, and its what-to-notice names the writes (a
// save, in Django's words) beside the count.
func TestStaleReadsSayWhy(t *testing.T) {
	for _, l := range All {
		r, err := Play(l)
		if err != nil {
			t.Fatal(err)
		}
		stale := r.Stats.Total.Stale
		if r.Partner != nil {
			stale += r.Partner.Total.Stale
		}
		if stale == 0 {
			continue
		}
		if s := l.Settings(); !strings.Contains(s, "% of requests are writes") {
			t.Errorf("%s shows %d stale reads; its settings name no writes: %q", l.Slug, stale, s)
		}
		for _, line := range l.Notice(r) {
			if someStale.MatchString(line) && !strings.Contains(line, "write") {
				t.Errorf("%s: %q counts stale reads without their writes", l.Slug, line)
			}
		}
	}
}
