package view

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
)

func TestParseLesson(t *testing.T) {
	tests := []struct {
		query string
		want  LessonState
		note  string // a notice must contain this; "" means no notice
	}{
		{"", LessonState{At: -1}, ""},
		{"lesson=stale-data&at=12", LessonState{Index: 3, At: 12}, ""},
		{"lesson=bogus", LessonState{At: -1}, `"bogus"`},
		{"lesson=memory&at=-1", LessonState{Index: 2, At: 0}, "at must be a whole number from 0 (this lesson's own requests end at 20,000; it runs on to 20,000,000 at most), got \"-1\": showing request 0"},
		{"lesson=memory&at=30000", LessonState{Index: 2, At: 30000}, ""}, // past its own requests, the run goes on
		{"lesson=the-post&at=-3", LessonState{At: 0}, "from 0 to 3, this lesson's last request"},
		{"lesson=the-post&at=zzz", LessonState{At: 0}, `got "zzz": showing request 0`},
		{"lesson=the-post&at=999", LessonState{At: 3}, "at 999 is past the end of this lesson, which has 3 requests: showing its last, request 3"},
		{"lesson=the-post&at=3", LessonState{At: 3}, ""},
		{"lesson=the-post&at=99999999999999999999", LessonState{At: 3}, "at 99999999999999999999 is past the most a lesson runs to, 20,000,000: showing this lesson's end, request 3"},
		{"lesson=memory&at=20000001", LessonState{Index: 2, At: 20000}, "at 20000001 is past the most a lesson runs to, 20,000,000: showing this lesson's end, request 20,000"},
		{"lesson=memory&at=20000000", LessonState{Index: 2, At: 20000000}, ""},
		{"lesson=memory&at=-99999999999999999999", LessonState{Index: 2, At: 0}, "got \"-99999999999999999999\": showing request 0"},
		{"lesson=route-by-key&restarts=5.1,3.0", LessonState{Index: 5, At: -1, Restarts: []Restart{{Seq: 3, Worker: 0}, {Seq: 5, Worker: 1}}}, ""},
		{"lesson=the-post&restarts=5.7", LessonState{At: -1}, "restarts"},
		{"presenter=1&embed=true", LessonState{At: -1, Presenter: true, Embed: true}, ""},
		{"presenter=maybe", LessonState{At: -1}, "presenter"},
		{"workers=3", LessonState{At: -1}, "workers: not a lesson setting"},
		{"lesson=memory&wasm=false", LessonState{Index: 2, At: -1}, ""}, // go-app's own switch, as ParsePage takes it
	}
	for _, tt := range tests {
		got, notes := ParseLesson(tt.query)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseLesson(%q) = %+v; want %+v", tt.query, got, tt.want)
		}
		joined := strings.Join(notes, "\n")
		if (tt.note == "") != (len(notes) == 0) || !strings.Contains(joined, tt.note) {
			t.Errorf("ParseLesson(%q) notices %q; want one with %q", tt.query, notes, tt.note)
		}
	}
}

func TestLessonQueryRoundTrip(t *testing.T) {
	for i, l := range lesson.All {
		at := int64(77) // a link's at= is a request the lesson reaches: a script-only lesson stops at its end
		if l.Requests == 0 {
			at = l.End()
		}
		for _, st := range []LessonState{
			{Index: i, At: -1},
			{Index: i, At: at, Restarts: []Restart{{Seq: 10, Worker: 1}}, Presenter: true, Embed: true},
		} {
			got, notes := ParseLesson(st.Query())
			if len(notes) > 0 || !reflect.DeepEqual(got, st) {
				t.Errorf("%q parsed back as %+v (%q); want %+v", st.Query(), got, notes, st)
			}
		}
	}
	if got := LessonURL("/cachepit", 3); got != "/cachepit/learn?lesson=stale-data" {
		t.Errorf("LessonURL = %q", got)
	}
}

// The lesson page's runner, advanced to a lesson's end, reads exactly what
// lesson.Play gives: the browser test relies on the same equality.
func TestLessonRunnerMatchesPlay(t *testing.T) {
	for _, l := range lesson.All {
		st := LessonState{Index: lesson.Index(l.Slug), At: -1}
		r, err := NewLessonRunner(l, st.Page())
		if err != nil {
			t.Fatalf("%s: %v", l.Slug, err)
		}
		if err := r.Advance(l.End()); err != nil {
			t.Fatal(err)
		}
		want, err := lesson.Play(l)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := l.Notice(Observe(r)), l.Notice(want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: runner says %q; Play says %q", l.Slug, got, want)
		}
	}
}

func TestExport(t *testing.T) {
	l := lesson.All[lesson.Index("stale-data")]
	r, err := NewLessonRunner(l, LessonState{Index: 3, At: -1}.Page())
	if err != nil {
		t.Fatal(err)
	}
	r.Advance(500)
	views := r.Views()
	var e Export
	if err := json.Unmarshal(ExportJSON(Export{Lesson: l.Slug, At: 500, Runs: Reports(views)}), &e); err != nil {
		t.Fatal(err)
	}
	if len(e.Runs) != 2 || e.Runs[0].Total.Requests != 500 || e.Runs[1].Mode != "shared" || e.Runs[0].Total.Stale != views[0].Stats.Total.Stale {
		t.Errorf("export %+v", e)
	}
	csv := strings.Split(strings.TrimSpace(string(ExportCSV(views))), "\n")
	if len(csv) != 1+2*(4+1) {
		t.Errorf("CSV has %d lines:\n%s", len(csv), strings.Join(csv, "\n"))
	}
}

func TestTheoryOf(t *testing.T) {
	th := TheoryOf(lesson.All[lesson.Index("memory")].Config())
	if th.SharedSize != 200 || th.Shared < th.PerWorker+0.1 || th.KeyHash {
		t.Errorf("memory: %+v", th)
	}
	kh := TheoryOf(lesson.All[lesson.Index("route-by-key")].Config())
	if !kh.KeyHash || kh.Routed < kh.PerWorker+0.1 {
		t.Errorf("route-by-key: %+v", kh)
	}
}

// The handout's "its settings in the playground" link opens every lesson's
// system as the lesson runs it: settings, comparison, restarts and deploys.
func TestLessonInPlayground(t *testing.T) {
	for _, l := range lesson.All {
		st, notes := ParsePage(LessonInPlayground(l).Query())
		if len(notes) > 0 {
			t.Errorf("%s: the link's query %q gives notices %v", l.Slug, LessonInPlayground(l).Query(), notes)
		}
		if !reflect.DeepEqual(st.Config, l.Config()) || st.Compare != l.Compare || st.At != int64(len(l.Script)+l.Requests) {
			t.Errorf("%s: the playground link opens %+v (compare %v, at %d); the lesson runs %+v (compare %v, %d requests)",
				l.Slug, st.Config, st.Compare, st.At, l.Config(), l.Compare, len(l.Script)+l.Requests)
		}
		if len(st.Restarts) != len(l.Restarts) || len(st.Deploys) != len(l.Deploys) {
			t.Errorf("%s: the link has %d restarts and %d deploys; the lesson %d and %d",
				l.Slug, len(st.Restarts), len(st.Deploys), len(l.Restarts), len(l.Deploys))
		}
		for i := range min(len(st.Deploys), len(l.Deploys)) {
			if st.Deploys[i] != l.Deploys[i] {
				t.Errorf("%s: deploy %d is %+v in the link, %+v in the lesson", l.Slug, i, st.Deploys[i], l.Deploys[i])
			}
		}
	}
}
