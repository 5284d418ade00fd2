package web

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The post strip's step-through link opens what it says: the post's own
// three requests, on the workers the replay panel (sim.Blog) and the post
// name, paused before the first. The other link says it scrolls down to
// that panel.
func TestPostStripLinks(t *testing.T) {
	html := app.HTMLString(postStrip())
	href := regexp.MustCompile(`id="post-setup"[^>]*href="([^"]*)"|href="([^"]*)"[^>]*id="post-setup"`).FindStringSubmatch(html)
	if href == nil {
		t.Fatalf("no step-through link in %s", html)
	}
	link := href[1] + href[2]
	path, query, _ := strings.Cut(link, "?")
	if path != view.LearnPath {
		t.Fatalf("the step-through link goes to %q; want lesson 1 at %s", link, view.LearnPath)
	}
	st, notes := view.ParseLesson(query)
	if len(notes) > 0 || st.At != 0 {
		t.Fatalf("%q opens at request %d (notices %q); want request 0, paused", link, st.At, notes)
	}
	if want := (view.LessonState{Index: st.Index, At: 0}).Query(); query != want {
		t.Errorf("the link's query is %q; view.LessonState writes %q", query, want)
	}
	l := lesson.All[st.Index]
	steps, err := sim.Blog("local")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Script) != len(steps) || l.Requests != 0 {
		t.Fatalf("%s plays %d scripted requests and %d more; the post has %d", l.Slug, len(l.Script), l.Requests, len(steps))
	}
	for i, s := range steps {
		if got := l.Script[i]; got.Label != s.Request || got.Worker != s.Worker {
			t.Errorf("step %d: %s plays %q on worker %d; the post's replay has %q on worker %d", i+1, l.Slug, got.Label, got.Worker, s.Request, s.Worker)
		}
	}
	if !strings.Contains(html, `href="#blog"`) || !strings.Contains(html, "panel below ↓") {
		t.Errorf("the link to the replay does not say it goes down to its panel: %s", html)
	}
}
