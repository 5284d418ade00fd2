package lesson

import (
	"testing"

	"github.com/cachepit/cachepit/run"
)

// Lessons 10 to 13 mark the moments they are about, and each mark falls
// on its moment: a deploy's request, the first request at or after a
// moment set in time, a stampede under way.
func TestMarksFallOnTheirMoments(t *testing.T) {
	for _, slug := range []string{"deploy", "stampede", "replicas", "outage"} {
		if len(All[Index(slug)].Marks) == 0 {
			t.Errorf("%s marks no moment: at its speed the class never sees it", slug)
		}
	}
	for _, l := range All {
		prev := int64(0)
		for _, m := range l.Marks {
			if m.Seq <= prev || m.Seq > l.End() || m.Text == "" {
				t.Errorf("%s: mark at request %d (after %d, lesson ends at %d, text %q)", l.Slug, m.Seq, prev, l.End(), m.Text)
			}
			prev = m.Seq
			if got, ok := l.NextMark(m.Seq - 1); !ok || got != m {
				t.Errorf("%s: NextMark(%d) = %v, %v; want the mark at %d", l.Slug, m.Seq-1, got, ok, m.Seq)
			}
			r, err := run.New(l.Plan(0))
			if err != nil {
				t.Fatal(err)
			}
			s := r.Sims()[0]
			if err := r.Advance(m.Seq - 1); err != nil {
				t.Fatal(err)
			}
			early := s.Now()
			if err := r.Advance(1); err != nil {
				t.Fatal(err)
			}
			if m.At > 0 && (early >= m.At || s.Now() < m.At) {
				t.Errorf("%s: mark at request %d for %d µs: the run is at %d µs before it and %d µs at it", l.Slug, m.Seq, m.At, early, s.Now())
			}
			if l.Slug == "stampede" {
				r2, _ := run.New(l.Plan(0))
				r2.Advance(m.Seq - 20)
				if got := s.Stats().Origin.Duplicates - r2.Sims()[0].Stats().Origin.Duplicates; got < 5 {
					t.Errorf("stampede: %d duplicate fetches began in the 20 requests before the mark at %d; want a stampede under way", got, m.Seq)
				}
			}
		}
		for _, d := range l.Deploys {
			if _, ok := l.MarkAt(d.Seq); !ok {
				t.Errorf("%s: the deploy after request %d has no mark", l.Slug, d.Seq)
			}
		}
	}
}
