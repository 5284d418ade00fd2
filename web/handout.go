package web

import (
	"fmt"
	"strings"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Handout is the printable page: every lesson's prose, figures, question
// and answer, for a class to take home.
type Handout struct {
	app.Compo
	lessons []view.HandoutLesson
	origin  string // "https://host", for links printed with their address; "" before the client runs
}

func (h *Handout) OnNav(ctx app.Context) {
	if h.lessons == nil {
		h.lessons = view.PlayHandout()
	}
	ctx.Page().SetTitle("Handout: the per-worker cache pitfall · cachepit")
	if app.IsClient {
		if u := ctx.Page().URL(); u != nil {
			h.origin = u.Scheme + "://" + u.Host
		}
		ctx.Defer(func(app.Context) {
			app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-ready",
				app.Window().Get("performance").Call("now").Float())
		})
	}
}

// The post the story starts from.
const (
	postTitle  = "Gunicorn & LRU cache pitfall"
	postAuthor = "Krzysztof Żuraw"
	postURL    = "https://krzysztofzuraw.com/blog/2017/gunicorn-and-lru-cache-pitfall/"
)

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
				"each lesson played to its end, exactly as on the lesson pages. The answers to the questions are on the last page."),
			el("p").Class("prose").Body(
				app.Text("The story starts from the 2017 post “"+postTitle+"” by "+postAuthor+": "),
				link(postURL, postURL, ""),
			),
			app.Range(h.lessons).Slice(func(i int) app.UI { return handoutLesson(p, h.origin, i, h.lessons[i]) }),
			handoutStacks(p+"/#code-panel", h.origin), // after the last lesson: the answers start a page of their own
			handoutAnswers(h.lessons),
			glossary(lesson.Terms, true),
		),
		el("footer").Class("foot").Body(
			app.Text("Origin: “"+postTitle+"” by "+postAuthor+" (2017), "),
			link(postURL, postURL, ""),
			app.Text(". Made with cachepit."),
		),
	)
}

func handoutLesson(prefix, origin string, i int, h view.HandoutLesson) app.UI {
	l := h.Lesson
	id := "handout-" + l.Slug
	var blog app.UI
	if len(l.Script) > 0 {
		if steps, err := sim.Blog("local"); err == nil {
			blog = &BlogReplay{Mode: "local", Steps: steps}
		}
	}
	playground := prefix + "/?" + view.LessonInPlayground(l).Query()
	return el("article").Class("panel handout-lesson").ID(id).Aria("labelledby", id+"-title").Body(
		app.H2().ID(id+"-title").Text(l.Title),
		prose(l.Text()),
		app.If(blog != nil, blog),
		el("h3").Text("What to notice"),
		el("ul").Class("notice-lines").Body(app.Range(h.Notice).Slice(func(j int) app.UI { return el("li").Text(h.Notice[j]) })),
		keyChart(h),
		app.If(h.Err != "", el("p").Class("banner").Text(h.Err)),
		// A lesson whose notices already state Che's prediction does not get it twice.
		app.If(l.Requests > 0 && !statesChe(h.Notice), el("p").Class("handout-theory").Text(handoutTheory(h))),
		el("p").Class("panel-sub handout-links").Body(
			app.Text(fmt.Sprintf("%s · ", view.Plural(int64(len(l.Script)+l.Requests), "request"))),
			link(view.LessonURL(prefix, i), "open lesson "+fmt.Sprint(i+1), origin),
			app.Text(" · "),
			link(playground, "its settings in the playground", origin),
		),
		el("h3").Text(fmt.Sprintf("Question %d", i+1)),
		el("p").Class("ask").Text(l.Question),
	)
}

// keyChart is the lesson's key chart from its end run, or nothing.
func keyChart(h view.HandoutLesson) app.UI {
	if h.Chart.ID == "" {
		return nil
	}
	return PrintChart(h.Chart, "request 0 → "+view.Count(h.End)+", the lesson's end")
}

// handoutAnswers lists every answer after the last lesson; in print it
// starts a page of its own, an answer sheet.
func handoutAnswers(lessons []view.HandoutLesson) app.UI {
	return el("section").Class("panel handout-answers").ID("handout-answers").Aria("labelledby", "handout-answers-title").Body(
		app.H2().ID("handout-answers-title").Text("Answers"),
		app.Range(lessons).Slice(func(i int) app.UI {
			l := lessons[i].Lesson // titles carry their number
			return el("p").ID("answer-"+l.Slug).Body(el("strong").Text(l.Title+". "), app.Text(l.Answer))
		}),
	)
}

// link is an anchor that, printed, also shows its address (origin+href,
// or href alone when it is already absolute or the origin is unknown).
func link(href, text, origin string) app.UI {
	addr := href
	if len(href) > 0 && href[0] == '/' {
		addr = origin + href
	}
	a := el("a").Attr("href", href).Text(text)
	if addr == text {
		return a
	}
	return el("span").Body(a, el("span").Class("print-url").Text(" ("+addr+")"))
}

// statesChe reports whether a notice line already gives Che's prediction.
func statesChe(notice []string) bool {
	for _, n := range notice {
		if strings.HasPrefix(n, "Che's approximation") {
			return true
		}
	}
	return false
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
