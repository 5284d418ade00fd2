package web

import (
	"strings"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// lessonIndex is /learn without a lesson: every lesson by its title and a
// line of what it teaches (the lesson pages' header has only their numbers).
// → or Start opens the first. main is the element of its main part.
func lessonIndex(st view.LessonState, main app.HTMLElem) app.UI {
	p := rootPrefix()
	return el("div").Class("page learn learn-index").ID("walkthrough").DataSet("lesson", "").Body(
		lessonTop(view.LessonState{Index: -1, Presenter: st.Presenter}),
		main.Body(
			app.H1().ID("index-title").Text("Lessons: the per-worker cache pitfall, step by step"),
			el("p").Class("prose").Text("Each lesson is a few paragraphs beside a live simulation that plays by itself, "+
				"what to notice in its numbers, and a question. They build on one another; a class can take them in order in about an hour."),
			el("ol").Class("index-list").ID("lesson-index").Body(app.Range(lesson.All).Slice(func(i int) app.UI {
				l := lesson.All[i]
				return el("li").Body(
					el("a").Attr("href", view.LessonURL(p, i)).Text(strings.TrimLeft(l.Title, "0123456789. ")),
					el("p").Class("teaches").Text(l.Teaches),
				)
			})),
			el("p").Body(el("a").Class("btn primary").ID("start").Attr("href", view.LessonURL(p, 0)).Text("Start with lesson 1 →")),
		),
		el("footer").Class("foot").Body(app.Text("Press → for the first lesson, ? for keyboard shortcuts.")),
		shortcutsDialog(),
	)
}
