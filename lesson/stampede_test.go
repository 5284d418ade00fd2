package lesson

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/run"
)

// Lesson 11's first line counts one set of fetches: the duplicates among
// them are never more than the fetches, wherever the lesson pauses or a
// link opens it (its mark, the requests around it, and a sweep of the run
// and past its end).
func TestStampedeCountsOneSetOfFetches(t *testing.T) {
	l := All[Index("stampede")]
	ats := map[int64]bool{1: true, 2: true}
	for _, m := range l.Marks {
		for d := int64(-40); d <= 40; d++ {
			ats[m.Seq+d] = true
		}
	}
	for at := int64(0); at <= l.End()+2000; at += 97 {
		ats[at] = true
	}
	r, err := run.New(l.Plan(0))
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^Per-worker caches: ([\d,]+) database fetch(?:es)? of the one key(?: so far, ([\d,]+) answered and ([\d,]+) under way)?; ([\d,]+) of them (?:began )?while another worker`)
	num := func(s string) int64 {
		n, _ := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
		return n
	}
	checked := 0
	for at := int64(0); at <= l.End()+2000; at++ {
		if !ats[at] {
			continue
		}
		if err := r.Advance(at - r.Seq()); err != nil {
			t.Fatal(err)
		}
		o := Observe(r)
		first := l.Notice(o)[0]
		if at == 0 && strings.HasPrefix(first, "No request served yet") {
			continue
		}
		m := line.FindStringSubmatch(first)
		if m == nil {
			t.Fatalf("at request %d the first line reads %q", at, first)
		}
		fetched, dups := num(m[1]), num(m[4])
		if dups > fetched {
			t.Errorf("at request %d: %q: more duplicates than fetches", at, first)
		}
		if m[2] != "" && num(m[2])+num(m[3]) != fetched {
			t.Errorf("at request %d: %q: answered and under way do not add up", at, first)
		}
		if landed := o.Stats.Origin.Reads; num(m[2]) != landed && fetched != landed {
			t.Errorf("at request %d: %q: the page shows %d database reads, which the line does not name", at, first, landed)
		}
		checked++
	}
	if checked < 200 {
		t.Errorf("checked %d moments", checked)
	}
}
