package web

import (
	"strconv"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// outage takes the shared cache or a host down at the simulated time shown,
// or brings it back, by adding to the outage setting: the link replays the
// run to the request shown with the outage in it.
func (p *Playground) outage(ctx app.Context, a app.Action) {
	target, ok := a.Value.(int)
	sys, _ := strconv.Atoi(a.Tags.Get("system"))
	if !ok || sys < 0 || sys >= len(p.views) {
		return
	}
	st := p.here()
	f, _ := sim.FieldByName("outage")
	if err := f.Set(&st.Config, view.ToggleOutage(st.Config.Outage, target, view.OutageMoment(p.views, target))); err != nil {
		p.notices = append(p.notices, err.Error())
		return
	}
	p.load(st)
	p.syncURL(ctx)
}

// withFaults marks the playground's systems as offering outage buttons.
func withFaults(views []view.System) []view.System {
	out := append([]view.System(nil), views...)
	for i := range out {
		out[i].Faults = true
	}
	return out
}

// outageNote says which compared systems each outage reaches (none of them
// when it names a cache they do not have).
func outageNote(c sim.Config, views []view.System) app.UI {
	if c.Outage == "" {
		return nil // the usual case, settled before the larger view.OutageNote is first called (and compiled)
	}
	lines := view.OutageNote(c, views)
	return app.If(len(lines) > 0, el("ul").Class("outage-note").ID("outage-note").Aria("label", "outages").Body(
		app.Range(lines).Slice(func(i int) app.UI { return el("li").Text(lines[i]) }),
	))
}
