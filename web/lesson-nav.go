package web

import (
	"strconv"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// lessonTop is the lesson page's header: the way back to the playground,
// every lesson by number, the handout, the presenter view and the shortcuts.
func lessonTop(st view.LessonState) app.UI {
	p := rootPrefix()
	post := func(name string) func(app.Context, app.Event) {
		return func(ctx app.Context, e app.Event) { ctx.NewAction(name) }
	}
	return el("header").Class("top learn-top").Body(
		el("a").Class("brand").Attr("href", p+"/").Title("the playground: every setting").Body(
			el("img").Attr("src", "/web/icon.svg").Attr("alt", "").Class("logo"),
			el("span").Class("brand-name").Text("cachepit"),
		),
		el("nav").Class("lesson-nav").Aria("label", "lessons").Body(
			el("ol").Body(app.Range(lesson.All).Slice(func(i int) app.UI {
				a := el("a").Attr("href", view.LessonURL(p, i)).Title(lesson.All[i].Title).
					Aria("label", "Lesson "+lesson.All[i].Title).Text(strconv.Itoa(i + 1))
				if i == st.Index {
					a = a.Aria("current", "page")
				}
				return el("li").Body(a)
			})),
		),
		el("div").Class("top-links").Body(
			el("a").Attr("href", p+view.HandoutPath).Text("Handout"),
			el("button").Class("btn small").ID("presenter").Aria("pressed", st.Presenter).
				Title("large type for a projector (p)").Text("Presenter view").OnClick(post(ActionPresenter)),
			el("button").Class("btn small").ID("shortcuts-open").Aria("keyshortcuts", "?").Text("Shortcuts ?").
				OnClick(post(ActionShortcuts)),
		),
	)
}

// shortcuts are the keyboard's keys, listed in the dialog.
var shortcuts = [][2]string{
	{"← / →", "previous / next lesson"},
	{"Space", "play or pause"},
	{"s", "serve one request"},
	{"r", "reset the lesson"},
	{"p", "presenter view (large type)"},
	{"?", "this list"},
	{"Esc", "close this list"},
}

func shortcutsDialog() app.UI {
	return el("dialog").ID("shortcuts").Aria("labelledby", "shortcuts-title").Body(
		app.H2().ID("shortcuts-title").Text("Keyboard shortcuts"),
		el("dl").Class("keys").Body(app.Range(shortcuts).Slice(func(i int) app.UI {
			return el("div").Body(el("dt").Body(el("kbd").Text(shortcuts[i][0])), el("dd").Text(shortcuts[i][1]))
		})),
		el("p").Class("panel-sub").Text("Keys typed into a form field keep their usual meaning; on a button reached with Tab, Space presses it."),
		el("form").Attr("method", "dialog").Body(
			el("button").Class("btn primary").ID("shortcuts-close").Text("Close"),
		),
	)
}
