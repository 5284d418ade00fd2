package lesson

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/cachepit/cachepit/run"
)

// Lesson 13's rates: at each of its pauses, and as it plays on past them,
// the shared side's reads per second before the outage are the ones the
// lesson ends with (the stretch before it has closed), and a stretch of
// the outage with nothing measured yet says so instead of reading 0.
func TestOutageRatesAtItsPauses(t *testing.T) {
	l := All[Index("outage")]
	end, err := Play(l)
	if err != nil {
		t.Fatal(err)
	}
	rates := regexp.MustCompile(`^Database reads per second on the shared side: (\d+) (?:in the 10 s )?before the outage(?:; the outage has just begun: no stretch of it is measured yet\.|, (\d+) (?:during it|in its first [\d.]+ s); per-worker caches during the same seconds: (\d+)\.)$`)
	final := rates.FindStringSubmatch(l.Notice(end)[1])
	if final == nil || final[2] == "" {
		t.Fatalf("at the end: %q", l.Notice(end)[1])
	}
	want, _ := strconv.Atoi(final[1])
	r, err := run.New(l.Plan(0))
	if err != nil {
		t.Fatal(err)
	}
	var ats []int64
	for _, m := range l.Marks {
		ats = append(ats, m.Seq, m.Seq+1, m.Seq+20, m.Seq+200)
	}
	for _, at := range ats {
		if err := r.Advance(at - r.Seq()); err != nil {
			t.Fatal(err)
		}
		line := l.Notice(Observe(r))[1]
		m := rates.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("at request %d: %q", at, line)
			continue
		}
		before, _ := strconv.Atoi(m[1])
		if before == 0 || before < want*95/100 || before > want*105/100 {
			t.Errorf("at request %d: %d reads a second before the outage; the lesson ends with %d", at, before, want)
		}
		for _, x := range m[2:] {
			if x == "0" {
				t.Errorf("at request %d: %q reads 0 a second during the outage", at, line)
			}
		}
	}
}
