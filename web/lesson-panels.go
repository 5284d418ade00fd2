package web

import (
	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// whatToNotice lists a lesson's lines, read from the live systems, beside
// the post's replay when the lesson plays the post's requests.
func whatToNotice(l lesson.Lesson, lines []string, ended bool) app.UI {
	var blog app.UI
	if len(l.Script) > 0 {
		if steps, err := sim.Blog("local"); err == nil {
			blog = &BlogReplay{Mode: "local", Steps: steps}
		}
	}
	return el("div").Class("notice-col").Body(
		el("section").Class("panel what").ID("what").Aria("labelledby", "what-title").Body(
			app.H2().ID("what-title").Text("What to notice"),
			el("ul").ID("notice-lines").Body(app.Range(lines).Slice(func(i int) app.UI {
				return el("li").Text(lines[i])
			})),
			app.If(!ended, el("p").Class("panel-sub").Text("These numbers follow the run as it plays.")),
		),
		blog,
	)
}

// question asks the lesson's question, its answer behind a button.
func question(l lesson.Lesson, revealed bool) app.UI {
	label := "Reveal the answer"
	if revealed {
		label = "Hide the answer"
	}
	return el("section").Class("panel question").Aria("labelledby", "question-title").Body(
		app.H2().ID("question-title").Text("Question"),
		el("p").Class("ask").ID("question").Text(l.Question),
		el("button").Class("btn").ID("reveal").Aria("expanded", revealed).Aria("controls", "answer").Text(label).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(ActionReveal) }),
		boolAttr(el("p").Class("answer").ID("answer"), "hidden", !revealed).Text(l.Answer),
	)
}
