package web

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
		{"lesson=memory&at=-1", LessonState{Index: 2, At: -1}, "at:"},
		{"lesson=route-by-key&restarts=5.1,3.0", LessonState{Index: 5, At: -1, Restarts: []Restart{{Seq: 3, Worker: 0}, {Seq: 5, Worker: 1}}}, ""},
		{"lesson=the-post&restarts=5.7", LessonState{At: -1}, "restarts"},
		{"presenter=1&embed=true", LessonState{At: -1, Presenter: true, Embed: true}, ""},
		{"presenter=maybe", LessonState{At: -1}, "presenter"},
		{"workers=3", LessonState{At: -1}, "workers: not a lesson setting"},
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
	for i := range lesson.All {
		for _, st := range []LessonState{
			{Index: i, At: -1},
			{Index: i, At: 77, Restarts: []Restart{{Seq: 10, Worker: 1}}, Presenter: true, Embed: true},
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
		r, err := newLessonRunner(l, st.pageState())
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
		if got, want := l.Notice(observeRunner(r)), l.Notice(want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: runner says %q; Play says %q", l.Slug, got, want)
		}
	}
}

func TestLessonSpeed(t *testing.T) {
	for _, l := range lesson.All {
		s := Speeds[lessonSpeed(l)]
		if l.Requests > 0 && (s == 0 || float64(l.Requests)/s > 6 || float64(l.Requests)/s < 0.5) {
			t.Errorf("%s: %d requests at %v req/s", l.Slug, l.Requests, s)
		}
	}
}

func TestExport(t *testing.T) {
	l := lesson.All[lesson.Index("stale-data")]
	r, err := newLessonRunner(l, LessonState{Index: 3, At: -1}.pageState())
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
