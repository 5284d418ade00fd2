package web

import (
	"fmt"
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
				"what to notice in its numbers, and a question. They build on one another."),
			el("p").Class("prose short-path").ID("short-path").Body(
				el("strong").Text("Short of time? "),
				app.Text(fmt.Sprintf("The %d lessons marked ", len(lesson.Short))),
				el("span").Class("short-mark").Text("★ short class"),
				app.Text(" tell the post's story: two workers giving two answers, every worker missing every key, "+
					"a write reaching one worker, the shared cache that fixes it, and when a per-worker cache is fine. "+
					"The others go further: memory, routing by key, recycling, your framework's cache, deploys, stampedes, replicas and outages."),
			),
			el("ol").Class("index-list").ID("lesson-index").Body(app.Range(lesson.All).Slice(func(i int) app.UI {
				l := lesson.All[i]
				var mark app.UI
				if lesson.InShort(l.Slug) {
					mark = el("span").Class("short-mark").Title("one of the lessons for a short class").Text("★ short class")
				}
				return el("li").Body(
					el("a").Attr("href", view.LessonURL(p, i)).Text(strings.TrimLeft(l.Title, "0123456789. ")),
					mark,
					el("p").Class("teaches").Text(l.Teaches),
				)
			})),
			el("p").Body(el("a").Class("btn primary").ID("start").Attr("href", view.LessonURL(p, 0)).Text("Start with lesson 1 →")),
		),
		el("footer").Class("foot").Body(app.Text("Press → for the first lesson, ? for keyboard shortcuts.")),
		shortcutsDialog(),
	)
}
