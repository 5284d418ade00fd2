package lesson

import (
	"strings"
	"testing"
)

// Per-process LocMemCaches against one shared cache: copies, stale reads and
// more database reads, all named in the notice.
func TestFrameworkDefaultShowsThePitfall(t *testing.T) {
	l := All[Index("framework-default")]
	r, err := Play(l)
	if err != nil {
		t.Fatal(err)
	}
	st, p := r.Stats, r.Partner
	if st.Memory.Duplicates == 0 || st.Total.Stale == 0 || p.Total.Stale != 0 || p.Origin.Reads >= st.Origin.Reads || p.HitRatio <= st.HitRatio {
		t.Errorf("duplicates %d, stale %d vs %d, origin reads %d vs %d, hit ratio %.3f vs %.3f",
			st.Memory.Duplicates, st.Total.Stale, p.Total.Stale, st.Origin.Reads, p.Origin.Reads, st.HitRatio, p.HitRatio)
	}
	lines := strings.Join(l.Notice(r), "\n")
	for _, want := range []string{pct(st.HitRatio), pct(p.HitRatio), count(int(st.Total.Stale)), count(int(st.Memory.Duplicates)), count(int(p.Origin.Reads))} {
		if !strings.Contains(lines, want) {
			t.Errorf("notice lacks %s:\n%s", want, lines)
		}
	}
	t.Log(lines)
}
