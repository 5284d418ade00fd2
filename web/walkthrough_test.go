package web

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Reset keeps the speed: the lesson's own (the post's scripted requests at
// 1 req/s, another lesson's first requests at 5), or the one the user picked.
func TestResetKeepsSpeed(t *testing.T) {
	for _, tc := range []struct {
		slug string
		own  float64
	}{{"the-post", 1}, {"cold-misses", 5}} {
		slug := tc.slug
		w := &Walkthrough{}
		w.load(view.LessonState{Index: lesson.Index(slug), At: -1})
		if got, want := Speeds[w.speed], tc.own; got != want {
			t.Errorf("%s, loaded: %g req/s; want %g", slug, got, want)
		}
		w.restart()
		if got, want := Speeds[w.speed], tc.own; got != want || !w.auto {
			t.Errorf("%s, reset: %g req/s (lesson's own %v); want the lesson's %g", slug, got, w.auto, want)
		}
		w.setSpeed(speedIndex(20))
		w.auto = false // as the speed control leaves it
		w.restart()
		if got, want := Speeds[w.speed], 20.0; got != want || w.auto {
			t.Errorf("%s, reset after picking 20 req/s: %g req/s (lesson's own %v); want %g", slug, got, w.auto, want)
		}
		w.pause()
	}
}

// Reset goes back to request 0 paused; Play at the lesson's end plays it
// again from its first request, for a scripted lesson and for one that
// could run on; Play elsewhere plays on.
func TestPlayAtEndStartsOver(t *testing.T) {
	for _, slug := range []string{"the-post", "cold-misses"} {
		l := lesson.All[lesson.Index(slug)]
		w := &Walkthrough{}
		w.load(view.LessonState{Index: lesson.Index(slug), At: l.End()})
		if w.running || w.seq() != l.End() {
			t.Fatalf("%s: loaded at its end: running %v at %d", slug, w.running, w.seq())
		}
		if got := w.bar().(*PlayBar).Progress.Hint; !strings.Contains(got, "▶ Play replays it") {
			t.Errorf("%s: at the end the hint says %q", slug, got)
		}
		w.toggle()
		w.changed(nil, app.Action{Name: ActionPlay})
		if !w.running || w.seq() != 0 || w.ended {
			t.Errorf("%s: Play at the end: running %v at request %d (ended %v); want playing from 0", slug, w.running, w.seq(), w.ended)
		}
		w.reset(nil)
		if w.running || w.seq() != 0 || w.here().At != 0 {
			t.Errorf("%s: Reset: running %v at request %d; want paused at 0", slug, w.running, w.seq())
		}
		if got := w.bar().(*PlayBar).Progress.Hint; !strings.Contains(got, "paused at the start") {
			t.Errorf("%s: after Reset the hint says %q", slug, got)
		}
		if !strings.Contains(w.status.say, "paused") {
			t.Errorf("%s: after Reset the live region says %q", slug, w.status.say)
		}
		w.pause()
	}
	// Stepped past its end, the lesson plays on.
	l := lesson.All[lesson.Index("cold-misses")]
	w := &Walkthrough{}
	w.load(view.LessonState{Index: lesson.Index("cold-misses"), At: l.End() + 1})
	w.toggle()
	w.changed(nil, app.Action{Name: ActionPlay})
	if !w.running || w.seq() != l.End()+1 {
		t.Errorf("past the end: running %v at %d; want playing on from %d", w.running, w.seq(), l.End()+1)
	}
	w.pause()
}

// A lesson that changes its own speed says so beside the speed; one that
// keeps one speed, or plays at the speed the user picked, says nothing.
func TestSpeedNote(t *testing.T) {
	w := &Walkthrough{}
	w.load(view.LessonState{Index: lesson.Index("cold-misses"), At: 0})
	want := "Paced by the lesson: 5 req/s, then 100 req/s from request 7."
	if got := w.bar().(*PlayBar).SpeedNote; got != want {
		t.Errorf("cold-misses: %q; want %q", got, want)
	}
	w.auto = false
	if got := w.bar().(*PlayBar).SpeedNote; got != "" {
		t.Errorf("cold-misses at a speed the user picked: %q", got)
	}
	if got := speedNote(lesson.All[lesson.Index("the-post")]); got != "" {
		t.Errorf("the post, one speed: %q", got)
	}
}

// The note under a copied link is spoken, not repeated by the status line.
func TestLinkNoteShownOnce(t *testing.T) {
	w := &Walkthrough{}
	w.load(view.LessonState{Index: lesson.Index("stale-data"), At: 1234})
	w.share = share{link: "x", note: "Link copied. It opens this lesson paused at request 1,234."}
	w.status.say = w.share.note
	bar := w.bar().(*PlayBar)
	if *bar.Status != w.share.note {
		t.Errorf("live region %q; want the note", *bar.Status)
	}
	if want := pausedWords(1234, w.views); bar.Line != want {
		t.Errorf("status line %q; want %q", bar.Line, want)
	}
}

// A lesson whose settings are in seconds shows the simulated clock beside
// its progress, as the engine has it; one counted in requests shows none.
func TestLessonClock(t *testing.T) {
	l := lesson.All[lesson.Index("replicas")]
	w := &Walkthrough{}
	w.load(view.LessonState{Index: lesson.Index("replicas"), At: l.End()})
	r, err := lesson.Play(l)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := w.bar().(*PlayBar).Progress.Clock, "simulated time "+view.Micros(int(r.Stats.Now)); got != want {
		t.Errorf("replicas at its end: clock %q; want %q", got, want)
	}
	w.load(view.LessonState{Index: lesson.Index("memory"), At: 100})
	if got := w.bar().(*PlayBar).Progress.Clock; got != "" {
		t.Errorf("memory, counted in requests: clock %q", got)
	}
}

// Each lesson page's "Words used here" lists the words that lesson uses,
// not the same ten everywhere (review): lesson 1 has no Zipf, TTL or p99
// (its cards' hit ratio and stale reads it has); lesson 11 its TTL; the
// handout every term.
func TestGlossaryIsTheLessons(t *testing.T) {
	terms := func(page string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`<dt>([^<]*)</dt>`).FindAllStringSubmatch(page, -1) {
			out = append(out, strings.ReplaceAll(m[1], "&#39;", "'"))
		}
		return out
	}
	for _, tc := range []struct {
		slug string
		want []string
	}{
		{"the-post", []string{"lru_cache", "worker", "hit ratio", "stale read"}},
		{"stampede", []string{"lru_cache", "worker", "hit ratio", "p99", "TTL", "stale read"}},
		{"route-by-key", []string{"lru_cache", "worker", "hit ratio", "p99", "key hash", "stale read"}},
	} {
		w := &Walkthrough{}
		w.load(view.LessonState{Index: lesson.Index(tc.slug), At: 0})
		page := html(w.Render())
		if got := terms(page); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s's glossary lists %q; want %q", tc.slug, got, tc.want)
		}
	}
	if got := terms(html(glossary(lesson.Terms, true))); len(got) != len(lesson.Terms) {
		t.Errorf("the handout's glossary lists %d terms; want all %d", len(got), len(lesson.Terms))
	}
}
