package web

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Handout is the printable page: every lesson's prose, figures, question
// and answer, for a class to take home.
type Handout struct {
	app.Compo
	lessons []view.HandoutLesson
}

func (h *Handout) OnNav(ctx app.Context) {
	if h.lessons == nil {
		h.lessons = view.PlayHandout()
	}
	ctx.Page().SetTitle("Handout: the per-worker cache pitfall · cachepit")
	if app.IsClient {
		ctx.Defer(func(app.Context) {
			app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-ready",
				app.Window().Get("performance").Call("now").Float())
		})
	}
}

func (h *Handout) Render() app.UI {
	p := rootPrefix()
	return el("div").Class("page handout").ID("handout").Body(
		el("header").Class("top learn-top").Body(
			el("a").Class("brand").Attr("href", p+"/").Body(
				el("img").Attr("src", "/web/icon.svg").Attr("alt", "").Class("logo"),
				el("span").Class("brand-name").Text("cachepit"),
			),
			el("div").Class("top-links").Body(
				el("a").Attr("href", view.LessonURL(p, 0)).Text("Lessons"),
				el("button").Class("btn small").ID("print").Text("Print").
					OnClick(func(ctx app.Context, e app.Event) { app.Window().Call("print") }),
			),
		),
		el("main").Body(
			app.H1().Text("The per-worker cache pitfall: handout"),
			el("p").Class("prose").Text("A pre-fork server (gunicorn style) runs N worker processes. Each worker's @lru_cache is its own: "+
				"every key misses once per worker, is held N times, and goes stale on the workers that did not see a write. "+
				"A shared cache (Memcached style) is one cache for all. The figures below are computed by the simulator, "+
				"each lesson played to its end, exactly as on the lesson pages."),
			app.Range(h.lessons).Slice(func(i int) app.UI { return handoutLesson(p, i, h.lessons[i]) }),
			glossary(true),
		),
		el("footer").Class("foot").Text("Origin: the 2017 post “Gunicorn & LRU cache pitfall”. Made with cachepit."),
	)
}

func handoutLesson(prefix string, i int, h view.HandoutLesson) app.UI {
	l := h.Lesson
	id := "handout-" + l.Slug
	return el("article").Class("panel handout-lesson").ID(id).Aria("labelledby", id+"-title").Body(
		app.H2().ID(id+"-title").Text(l.Title),
		app.Range(l.Prose).Slice(func(j int) app.UI { return el("p").Class("prose").Text(l.Prose[j]) }),
		el("h3").Text("What to notice"),
		el("ul").Class("notice-lines").Body(app.Range(h.Notice).Slice(func(j int) app.UI { return el("li").Text(h.Notice[j]) })),
		app.If(h.Err != "", el("p").Class("banner").Text(h.Err)),
		app.If(l.Requests > 0, el("p").Class("handout-theory").Text(handoutTheory(h))),
		el("h3").Text("Question"),
		el("p").Class("ask").Text(l.Question),
		el("details").Class("handout-answer").Attr("open", true).Body(
			el("summary").Text("Answer"),
			el("p").Text(l.Answer),
		),
		el("p").Class("panel-sub").Body(
			app.Text(fmt.Sprintf("Settings: %s · %s · ", l.Query, view.Plural(int64(len(l.Script)+l.Requests), "request"))),
			el("a").Attr("href", view.LessonURL(prefix, i)).Text("open lesson "+fmt.Sprint(i+1)),
		),
	)
}

func handoutTheory(h view.HandoutLesson) string {
	t := h.Theory
	s := fmt.Sprintf("Che's approximation: %s for each per-worker cache of %d, %s for one shared cache of %s.",
		view.Pct(t.PerWorker), t.Cache, view.Pct(t.Shared), view.Count(t.SharedSize))
	if t.KeyHash {
		s = fmt.Sprintf("Che's approximation with each key routed to one worker: %s.", view.Pct(t.Routed))
	}
	for _, m := range h.Runs {
		s += fmt.Sprintf(" Measured, %s: %s.", view.Title(sim.Config{Mode: m.Mode}), view.Pct(m.HitRatio))
	}
	return s
}
