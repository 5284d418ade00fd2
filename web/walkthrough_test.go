package web

import (
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
)

// Reset keeps the speed: the lesson's own, or the one the user picked.
func TestResetKeepsSpeed(t *testing.T) {
	for _, slug := range []string{"the-post", "cold-misses"} {
		w := &Walkthrough{}
		w.load(view.LessonState{Index: lesson.Index(slug), At: -1})
		if got, want := Speeds[w.speed], 5.0; got != want {
			t.Errorf("%s, loaded: %g req/s; want %g", slug, got, want)
		}
		w.restart()
		if got, want := Speeds[w.speed], 5.0; got != want || !w.auto {
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
