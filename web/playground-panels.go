package web

import (
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The playground's first render is what a 1440x1000 screen shows: the play
// bar, the legend and the system picture. The panels below it (the
// comparison, the charts, the theory, the post's replay, the settings and
// the code) are built once the browser has painted that: they held half of
// the page's elements and the first render's longest step. Until then an
// empty #panels-pending stands in for them; tests wait for it to go.

// panelsLater asks for the panels once the browser has painted the page as
// rendered now: after its next animation frame, or after half a second
// when no frame comes (a hidden tab gets none).
func (p *Playground) panelsLater(ctx app.Context) {
	var frame, paint, timer app.Func
	done := false
	show := func(app.Value, []app.Value) any {
		if !done {
			done = true
			ctx.Dispatch(func(app.Context) { p.panelsOn = true })
		}
		return nil
	}
	paint = app.FuncOf(func(this app.Value, args []app.Value) any { paint.Release(); return show(this, args) })
	frame = app.FuncOf(func(app.Value, []app.Value) any {
		frame.Release()
		app.Window().Call("setTimeout", paint, 0) // runs after the frame is painted
		return nil
	})
	timer = app.FuncOf(func(this app.Value, args []app.Value) any { timer.Release(); return show(this, args) })
	app.Window().Call("requestAnimationFrame", frame)
	app.Window().Call("setTimeout", timer, 500)
}

// prediction is what Che's approximation says for the current settings,
// computed once per configuration, when first asked for.
type prediction struct {
	done     bool
	theory   view.Theory
	ok       bool   // the key space is small enough to predict at once
	headline string // the comparison's long-run sentence
}

func (p *Playground) prediction() prediction {
	if !p.theory.done {
		st := p.state
		p.theory = prediction{done: true}
		p.theory.theory, p.theory.ok = view.TheoryFor(st.Config)
		if st.Compare && p.theory.ok {
			p.theory.headline = view.Headline(p.theory.theory, st.Config.TTL > 0)
		}
	}
	return p.theory
}

// comparedConfigs are the settings of the two systems compared, left and
// right; nil with one system.
func comparedConfigs(views []view.System) []sim.Config {
	if len(views) != 2 {
		return nil
	}
	return []sim.Config{views[0].Config, views[1].Config}
}

// blogRun is the post's three requests replayed in the current mode,
// computed when first asked for.
type blogRun struct {
	done  bool
	steps []sim.BlogStep
	err   string
}

func (p *Playground) blogRun() blogRun {
	if !p.blog.done {
		p.blog = blogRun{done: true}
		if steps, err := sim.Blog(p.state.Config.Mode); err != nil {
			p.blog.err = err.Error()
		} else {
			p.blog.steps = steps
		}
	}
	return p.blog
}

// panels are the parts of the page below the system picture, once
// panelsOn; an empty #panels-pending stands in for them before.
func (p *Playground) panels() []app.UI {
	mode := p.state.Config.Mode
	theory := p.prediction()
	blog := p.blogRun()
	var body []app.UI
	if len(p.views) > 1 {
		body = append(body, &ComparePanel{
			Left: p.views[0].Title, Right: p.views[1].Title,
			Findings: view.Summarize(p.views[0], p.views[1]),
			Headline: theory.headline,
		})
	}
	charts := p.charts.of(&p.player)
	return append(body,
		// the settings sit under the charts, where the wider column leaves
		// no empty space beside them (at 1440 px the side column ran 1,200 px
		// past the charts, with the settings at its foot)
		el("div").Class("lower").Body(
			el("div").Class("side main-col").Body(
				el("section").Class("panel charts").Aria("label", "charts").Body(
					app.H2().Text("Over time"),
					el("div").Class("chart-grid").Body(app.Range(charts).Slice(func(i int) app.UI {
						return &Chart{Data: charts[i]}
					})),
				),
				&Controls{Config: p.state.Config, Compare: comparedConfigs(p.views)},
			),
			el("div").Class("side").Body(
				&BlogReplay{Mode: mode, Hosts: p.state.Config.Hosts, Steps: blog.steps, Err: blog.err},
				app.If(theory.ok, &TheoryPanel{Theory: theory.theory, Measured: view.MeasuredOf(p.views),
					Warmups: view.WarmupsOf(theory.theory, p.views), Skip: true}),
			),
		),
		&CodePanel{Config: p.state.Config, Stack: p.state.Stack},
	)
}
