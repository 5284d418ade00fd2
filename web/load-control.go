package web

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Load is the play bar's load control: closed-loop clients, each with one
// request outstanding, or an open stream of requests per second arriving at
// random (Poisson). It posts ActionSet for the engine's own settings.
type Load struct {
	Arrivals string // "closed" or "poisson"
	Clients  int
	Rate     float64
}

// control draws the load control, disabled on the server's drawing (see
// PlayBar.Starting); a nil Load draws nothing.
func (l *Load) control(starting bool) app.UI {
	if l == nil {
		return app.Text("")
	}
	set := func(field string) func(app.Context, app.Event) {
		return func(ctx app.Context, e app.Event) {
			ctx.NewActionWithValue(ActionSet, ctx.JSSrc().Get("value").String(), app.T("field", field))
		}
	}
	off := func(e app.HTMLElem) app.HTMLElem {
		if starting {
			return e.Attr("disabled", true)
		}
		return e
	}
	kind := off(el("select")).ID("load-kind").Aria("label", "how the load is given").Body(
		option("closed", l.Arrivals != "poisson").Text("clients"),
		option("poisson", l.Arrivals == "poisson").Text("req/s (Poisson)"),
	).OnChange(set("arrivals"))
	value := off(el("input")).Attr("type", "number").ID("load-value").Attr("min", 1).Class("load-value")
	if l.Arrivals == "poisson" {
		value = value.Attr("value", strconv.FormatFloat(l.Rate, 'g', -1, 64)).Aria("label", "simulated requests per second").
			Title("requests per simulated second arriving at random, whether or not earlier ones were answered").OnChange(set("rate"))
	} else {
		value = value.Attr("value", strconv.Itoa(l.Clients)).Aria("label", "simulated clients").
			Title("clients in a loop: each sends its next request when the last one is answered").OnChange(set("clients"))
	}
	return el("span").Class("load").Role("group").Aria("label", "simulated load").
		Title("the load in the simulation, in simulated time; the playback speed only changes how fast you watch it").Body(
		el("span").ID("load-name").Text("Simulated load"),
		value,
		kind,
	)
}
