package web

import (
	"fmt"
	"strings"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func (w *Walkthrough) Render() app.UI {
	switch {
	case !w.opened: // the server's drawing of a link left to the client
		return el("div").Class("page learn").ID("walkthrough").Body(
			lessonTop(view.LessonState{Index: -1}),
			el("main").Body(el("p").Class("loading").Text("Starting the simulator…")),
		)
	case w.index:
		return lessonIndex(w.st, mainFor(w.drawnFor))
	}
	l := w.st.Lesson()
	if w.st.Embed {
		return el("div").Class("page learn embed").ID("walkthrough").DataSet("lesson", l.Slug).Body(
			mainFor(w.drawnFor).Body(
				app.H1().Class("sr-only").Text(l.Title),
				failure(w.failure),
				systems(w.views),
				el("p").Class("sr-only").ID("status").Role("status").Aria("live", "polite").Text(w.status.say),
			),
		)
	}
	cls := "page learn"
	if w.st.Presenter {
		cls += " presenter"
	}
	return el("div").Class(cls).ID("walkthrough").DataSet("lesson", l.Slug).Body(
		lessonTop(w.st),
		mainFor(w.drawnFor).Body(
			notices("Part of the link could not be used:", w.notices),
			failure(w.failure),
			el("div").Class("learn-grid").Body(
				el("section").Class("lesson-text").Aria("labelledby", "lesson-title").Body(
					el("div").Class("lesson-head").Body(
						el("p").Class("progress-text").ID("progress").Text(fmt.Sprintf("Lesson %d of %d", w.st.Index+1, len(lesson.All))),
						app.H1().ID("lesson-title").Text(l.Title),
					),
					el("div").Class("lesson-prose").Body(
						prose(l.Text()),
						el("p").Class("prose to-code").Body(
							el("a").ID("to-code").Attr("href", "#code-panel").Text("In your app: what to change in Django, Flask, Rails, Node… ↓"),
						),
						app.If(l.Requests > 0, el("p").Class("prose to-playground").Body(
							el("a").ID("to-playground").Attr("href", rootPrefix()+"/?"+l.Query).
								Text("Try it in the playground: this lesson's settings, every control to change them"),
						)),
					),
				),
				w.bar(),
				el("div").Class("stage").Body(moments(l, w.seq()), legend(w.views), systems(w.views), w.comparison(), glossary(l.Glossary(), false)),
				whatToNotice(l, w.notice.lines, w.ended),
				app.If(l.Requests > 0, &TheoryPanel{Theory: w.theory, Measured: view.MeasuredOf(w.views),
					Warmups: view.WarmupsOf(w.theory, w.views), Skip: w.run != nil && !w.run.Stopped()}),
				question(l, w.revealed),
				w.renderTakeAway(),
			),
			// After the grid, so that the sticky play bar, which sticks
			// only inside the grid, does not lie over it.
			&CodePanel{Config: l.Config(), Stack: w.st.StackShown()},
		),
		el("footer").Class("foot").Body(
			app.Text("Press ? for keyboard shortcuts. Every number on this page comes from the simulation running in your browser; the link reproduces it exactly."),
		),
		shortcutsDialog(),
	)
}

// bar is the lesson's play bar, between the previous and next lessons.
func (w *Walkthrough) bar() app.UI {
	l := w.st.Lesson()
	last := len(lesson.All) - 1
	say := w.status.say
	hint := ""
	switch seq := w.seq(); {
	case w.running:
		hint = "playing: Space or ❚❚ Pause stops it"
	case seq == w.end() || w.run != nil && w.run.Stopped():
		hint = "the end: ▶ Play replays it"
		if w.run != nil && !w.run.Stopped() {
			hint += ", Step goes on"
		}
	case seq == 0:
		hint = "paused at the start: ▶ Play or Step"
	}
	note := ""
	if w.auto {
		note = speedNote(l)
	}
	// The heading just above names the lesson: the line for the eye does
	// not say it again (the live region, which has no heading, does).
	line := strings.Replace(w.status.line(w.running, w.views), w.title()+". ", "", 1)
	if w.share.note != "" && line == w.share.note {
		// The note shows under the copied link (copying pauses): the line
		// says where the run stands rather than repeat it.
		line = pausedWords(w.seq(), w.views)
	}
	return &PlayBar{
		Running: w.running, Speed: w.speed, SpeedID: "lesson-speed", SpeedMenu: true, SpeedNote: note, Keys: true,
		Lead:     []BarButton{{ID: "prev", Text: "← Previous", Action: ActionLesson, Value: -1, Keys: "ArrowLeft", Disabled: w.st.Index == 0}},
		Tail:     []BarButton{{ID: "next", Text: "Next →", Action: ActionLesson, Value: 1, Keys: "ArrowRight", Disabled: w.st.Index == last}},
		Progress: &Progress{Seq: shownSeq(w.views), End: w.end(), Label: "the lesson's requests played", Hint: hint, Clock: simClock(w.views)},
		Status:   &say,
		Line:     line,
		Class:    "lesson-bar",
		Starting: w.starting(),
	}
}

func (w *Walkthrough) comparison() app.UI {
	if len(w.views) < 2 {
		return nil
	}
	return &ComparePanel{
		Left: w.views[0].Title, Right: w.views[1].Title,
		Findings: view.Summarize(w.views[0], w.views[1]),
	}
}

// prose draws paragraphs of a lesson's text.
func prose(text []string) app.UI {
	return app.Range(text).Slice(func(i int) app.UI { return el("p").Class("prose").Text(text[i]) })
}

// simClock is the lesson's simulated time, for a lesson whose settings are
// in seconds (outages, open arrivals, boots, TTLs): "" for the others.
func simClock(views []view.System) string {
	if len(views) == 0 {
		return ""
	}
	c := views[0].Config
	if c.Outage == "" && c.Arrivals != "poisson" && c.Boot == 0 && c.TTL == 0 {
		return ""
	}
	return "simulated time " + view.Micros(int(views[0].Stats.Now))
}
