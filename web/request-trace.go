package web

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Trace draws the latest requests, newest first, each with its symbol.
type Trace struct {
	app.Compo
	Events []sim.Event
	Labels []string   // per event: the scripted request as typed, or ""
	Config sim.Config // the system's settings, which name its caches
}

func (c *Trace) Render() app.UI {
	events := c.Events
	items := make([]app.UI, 0, len(events))
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		m := view.MarkIn(c.Config, e)
		items = append(items, el("li").Class(m.Class()).Body(
			el("span").Class("sym").Text(m.Symbol()),
			app.Text(fmt.Sprintf(" #%s %s → worker %d: %s, %s", view.Count(e.Seq), view.RequestText(e, view.LabelAt(c.Labels, i)), e.Worker, m.Word(), view.Micros(e.Latency))),
		))
	}
	return el("ol").Class("trace").Aria("label", "latest requests, newest first").Body(items...)
}

// traceNote says why, with several requests at once, the log's numbers can
// run ahead of the count of finished requests; nothing when requests come
// one at a time.
func traceNote(c sim.Config) app.UI {
	if c.Clients <= 1 && c.Arrivals != "poisson" {
		return nil
	}
	return el("p").Class("trace-note").Text("Requests are numbered as they arrive; with several at once a later one can finish first, " +
		"so a number here can be higher than the count of finished requests.")
}
