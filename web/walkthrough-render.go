package web

import (
	"fmt"
	"strconv"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func (w *Walkthrough) Render() app.UI {
	if w.st.Embed {
		return w.renderEmbed()
	}
	l := w.st.Lesson()
	cls := "page learn"
	if w.st.Presenter {
		cls += " presenter"
	}
	return el("div").Class(cls).ID("walkthrough").DataSet("lesson", l.Slug).Body(
		w.renderTop(),
		el("main").Body(
			w.renderNotices(),
			w.renderFailure(),
			el("div").Class("learn-grid").Body(
				el("section").Class("lesson-text").Aria("labelledby", "lesson-title").Body(
					el("p").Class("progress-text").ID("progress").Text(fmt.Sprintf("Lesson %d of %d", w.st.Index+1, len(lesson.All))),
					app.H1().ID("lesson-title").Text(l.Title),
					app.Range(l.Prose).Slice(func(i int) app.UI { return el("p").Class("prose").Text(l.Prose[i]) }),
				),
				w.renderBar(),
				el("div").Class("stage").Body(w.renderSystems(), w.renderCompare()),
				w.renderNotice(),
				app.If(l.Requests > 0, &TheoryPanel{Theory: w.theory, Measured: w.measured()}),
				w.renderQuestion(),
				w.renderTakeAway(),
			),
		),
		el("footer").Class("foot").Body(
			app.Text("Press ? for keyboard shortcuts. Every number on this page comes from the simulation running in your browser; the link reproduces it exactly."),
		),
		w.renderShortcuts(),
	)
}

func (w *Walkthrough) renderEmbed() app.UI {
	return el("div").Class("page learn embed").ID("walkthrough").DataSet("lesson", w.st.Lesson().Slug).Body(
		el("main").Body(
			app.H1().Class("sr-only").Text(w.st.Lesson().Title),
			w.renderFailure(),
			w.renderSystems(),
			el("p").Class("sr-only").ID("status").Role("status").Aria("live", "polite").Text(w.say),
		),
	)
}

func (w *Walkthrough) renderTop() app.UI {
	p := rootPrefix()
	return el("header").Class("top learn-top").Body(
		el("a").Class("brand").Attr("href", p+"/").Title("the playground: every setting").Body(
			el("img").Attr("src", "/web/icon.svg").Attr("alt", "").Class("logo"),
			el("span").Class("brand-name").Text("cachepit"),
		),
		el("nav").Class("lesson-nav").Aria("label", "lessons").Body(
			el("ol").Body(app.Range(lesson.All).Slice(func(i int) app.UI {
				a := el("a").Attr("href", LessonURL(p, i)).Title(lesson.All[i].Title).
					Aria("label", "Lesson "+lesson.All[i].Title).Text(strconv.Itoa(i + 1))
				if i == w.st.Index {
					a = a.Aria("current", "page")
				}
				return el("li").Body(a)
			})),
		),
		el("div").Class("top-links").Body(
			el("a").Attr("href", p+HandoutPath).Text("Handout"),
			el("button").Class("btn small").ID("presenter").Aria("pressed", w.st.Presenter).
				Title("large type for a projector (p)").Text("Presenter view").
				OnClick(func(ctx app.Context, e app.Event) { w.togglePresenter(ctx) }),
			el("button").Class("btn small").ID("shortcuts-open").Aria("keyshortcuts", "?").Text("Shortcuts ?").
				OnClick(func(ctx app.Context, e app.Event) { w.showShortcuts() }),
		),
	)
}

func (w *Walkthrough) renderBar() app.UI {
	var seq int64
	if w.run != nil {
		seq = w.run.Seq()
	}
	end := w.end()
	play, playLabel := "▶ Play", "Play"
	if w.running {
		play, playLabel = "❚❚ Pause", "Pause"
	}
	last := len(lesson.All) - 1
	return el("div").Class("lesson-bar").Body(
		el("div").Class("transport").Aria("label", "lesson controls").Role("group").Body(
			el("button").Class("btn").ID("prev").Attr("disabled", w.st.Index == 0).Aria("keyshortcuts", "ArrowLeft").
				Text("← Previous").OnClick(func(ctx app.Context, e app.Event) { w.goTo(ctx, w.st.Index-1) }),
			el("button").Class("btn primary").ID("play").Aria("label", playLabel).Aria("keyshortcuts", "Space").
				Text(play).OnClick(func(ctx app.Context, e app.Event) { w.toggle(ctx) }),
			el("button").Class("btn").ID("step").Aria("keyshortcuts", "s").Title("serve one request (s)").
				Text("Step").OnClick(func(ctx app.Context, e app.Event) { w.step(ctx) }),
			el("button").Class("btn").ID("reset").Aria("keyshortcuts", "r").Title("play the lesson again from the start (r)").
				Text("Reset").OnClick(func(ctx app.Context, e app.Event) { w.reset(ctx) }),
			el("label").Class("speed").Attr("for", "lesson-speed").Body(
				el("span").Text("Speed"),
				el("select").ID("lesson-speed").Body(app.Range(Speeds).Slice(func(i int) app.UI {
					return el("option").Attr("value", strconv.Itoa(i)).Attr("selected", i == w.speed).Text(SpeedLabel(i))
				})).OnChange(func(ctx app.Context, e app.Event) {
					i, _ := strconv.Atoi(ctx.JSSrc().Get("value").String())
					w.auto = false
					w.setSpeed(i)
				}),
			),
			el("span").Class("spacer"),
			el("button").Class("btn").ID("next").Attr("disabled", w.st.Index == last).Aria("keyshortcuts", "ArrowRight").
				Text("Next →").OnClick(func(ctx app.Context, e app.Event) { w.goTo(ctx, w.st.Index+1) }),
		),
		el("div").Class("run-progress").Body(
			el("progress").ID("run-progress").Attr("max", max(end, 1)).Attr("value", min(seq, max(end, 1))).
				Aria("label", "the lesson's requests played"),
			el("span").ID("run-count").Text(runCount(seq, end)),
		),
		el("p").Class("status").ID("status").Role("status").Aria("live", "polite").Text(w.say),
	)
}

func runCount(seq, end int64) string {
	if seq > end {
		return fmt.Sprintf("request %s (the lesson's %s, then more)", Count(seq), Count(end))
	}
	return fmt.Sprintf("request %s of %s", Count(seq), Count(end))
}

func (w *Walkthrough) renderSystems() app.UI {
	cls := "systems"
	if len(w.views) > 1 {
		cls += " two"
	}
	return el("div").Class(cls).Body(app.Range(w.views).Slice(func(i int) app.UI {
		return &SystemView{View: w.views[i]}
	}))
}

func (w *Walkthrough) renderNotice() app.UI {
	l := w.st.Lesson()
	var blog app.UI
	if len(l.Script) > 0 {
		if steps, err := sim.Blog("local"); err == nil {
			blog = &BlogReplay{Mode: "local", Steps: steps}
		}
	}
	return el("div").Class("notice-col").Body(
		el("section").Class("panel what").ID("what").Aria("labelledby", "what-title").Body(
			app.H2().ID("what-title").Text("What to notice"),
			el("ul").ID("notice-lines").Body(app.Range(w.notice).Slice(func(i int) app.UI {
				return el("li").Text(w.notice[i])
			})),
			app.If(!w.ended, el("p").Class("panel-sub").Text("These numbers follow the run as it plays.")),
		),
		blog,
	)
}

func (w *Walkthrough) renderCompare() app.UI {
	if len(w.views) < 2 {
		return nil
	}
	return &ComparePanel{
		Left: w.views[0].Title, Right: w.views[1].Title,
		Findings: Summarize(w.views[0], w.views[1]),
	}
}

func (w *Walkthrough) measured() []Measured { return MeasuredOf(w.views) }

func (w *Walkthrough) renderQuestion() app.UI {
	l := w.st.Lesson()
	label := "Reveal the answer"
	if w.revealed {
		label = "Hide the answer"
	}
	return el("section").Class("panel question").Aria("labelledby", "question-title").Body(
		app.H2().ID("question-title").Text("Question"),
		el("p").Class("ask").ID("question").Text(l.Question),
		el("button").Class("btn").ID("reveal").Aria("expanded", w.revealed).Aria("controls", "answer").Text(label).
			OnClick(func(ctx app.Context, e app.Event) { w.revealed = !w.revealed }),
		el("p").Class("answer").ID("answer").Hidden(!w.revealed).Text(l.Answer),
	)
}

func (w *Walkthrough) renderTakeAway() app.UI {
	return el("section").Class("panel take-away").Aria("labelledby", "take-title").Body(
		app.H2().ID("take-title").Text("Take it with you"),
		el("div").Class("take-buttons").Body(
			el("button").Class("btn").ID("download-json").Text("Download JSON").
				OnClick(func(ctx app.Context, e app.Event) { w.downloadJSON() }),
			el("button").Class("btn").ID("download-csv").Text("Download CSV").
				OnClick(func(ctx app.Context, e app.Event) { w.downloadCSV() }),
			el("button").Class("btn").ID("copy-link").Text("Copy link to this state").
				OnClick(func(ctx app.Context, e app.Event) { w.copyLink(ctx) }),
		),
		app.If(w.link != "", el("div").Class("share").Body(
			el("label").Attr("for", "share-link").Text("Link"),
			el("input").ID("share-link").Attr("type", "text").Attr("readonly", true).Attr("value", w.link),
			el("p").Class("panel-sub").ID("link-note").Text(w.linkNote),
		)),
		el("p").Class("panel-sub").Text("To put this lesson in a course page, embed its link with embed=1: only the live system is shown."),
	)
}

func (w *Walkthrough) renderNotices() app.UI {
	if len(w.notices) == 0 {
		return nil
	}
	return el("div").Class("notice").ID("notice").Role("alert").Body(
		el("strong").Text("Part of the link could not be used:"),
		el("ul").Body(app.Range(w.notices).Slice(func(i int) app.UI {
			return el("li").Text(w.notices[i])
		})),
		el("button").Class("btn small").Text("Dismiss").OnClick(func(ctx app.Context, e app.Event) { w.notices = nil }),
	)
}

func (w *Walkthrough) renderFailure() app.UI {
	if w.failure == "" {
		return nil
	}
	return el("div").Class("banner").ID("failure").Role("alert").Body(
		el("strong").Text("The simulation stopped with an error: "),
		el("code").Text(w.failure),
		el("button").Class("btn primary").Text("Reset").OnClick(func(ctx app.Context, e app.Event) { w.reset(ctx) }),
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

func (w *Walkthrough) renderShortcuts() app.UI {
	return el("dialog").ID("shortcuts").Aria("labelledby", "shortcuts-title").Body(
		app.H2().ID("shortcuts-title").Text("Keyboard shortcuts"),
		el("dl").Class("keys").Body(app.Range(shortcuts).Slice(func(i int) app.UI {
			return el("div").Body(el("dt").Body(el("kbd").Text(shortcuts[i][0])), el("dd").Text(shortcuts[i][1]))
		})),
		el("p").Class("panel-sub").Text("Keys typed into a form field keep their usual meaning; on a focused button, Space presses it."),
		el("form").Attr("method", "dialog").Body(
			el("button").Class("btn primary").ID("shortcuts-close").Text("Close"),
		),
	)
}
