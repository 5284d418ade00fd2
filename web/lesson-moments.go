package web

import (
	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// moments is the lesson's timeline of marked moments, above its system:
// each moment by its request (or simulated time), passed or ahead, and in
// words the latest one the run has reached. The run pauses at each, so a
// class sees the deploy or the outage it would otherwise miss at
// thousands of requests a second. Nil for a lesson without marks.
func moments(l lesson.Lesson, seq int64) app.UI {
	if len(l.Marks) == 0 {
		return nil
	}
	var last lesson.Mark
	for _, m := range l.Marks {
		if m.Seq <= seq {
			last = m
		}
	}
	text := "The run pauses at each of these moments, so that you can look and talk; Space or ▶ Play goes on to the next."
	cls := "moment-text"
	if last.Seq > 0 {
		text = last.Text
		if last.Seq == seq {
			cls += " now"
		}
	}
	return el("section").Class("moments").ID("moments").Aria("label", "the lesson's moments").Body(
		el("ol").Class("moment-marks").Body(app.Range(l.Marks).Slice(func(i int) app.UI {
			m := l.Marks[i]
			state := "ahead"
			switch {
			case m.Seq == seq:
				state = "now"
			case m.Seq < seq:
				state = "passed"
			}
			li := el("li").DataSet("state", state).Text(markLabel(m))
			if state == "now" {
				li = li.Aria("current", "step")
			}
			return li
		})),
		el("p").Class(cls).ID("moment").Text(text),
	)
}

// markLabel names a moment on the timeline: "15 s (request 7,525)".
func markLabel(m lesson.Mark) string {
	if m.At > 0 {
		return sim.FormatDuration(m.At) + " (request " + view.Count(m.Seq) + ")"
	}
	return "request " + view.Count(m.Seq)
}
