package web

import (
	"time"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Playground is the page with every setting: the system picture, charts,
// the comparison and the post's replay. Its state comes from the URL; its
// player runs it.
type Playground struct {
	app.Compo

	player
	state   view.PageState
	release func()    // removes the keyboard listener and stops following the play bar's height
	shared  time.Time // when the address last caught up with the run while playing
	typed   bool      // the address holds values the page could not use: kept as typed (see follow)
	blog    blogRun
	theory  prediction
	charts  chartCache

	panelsOn bool   // the panels below the system picture are built (playground-panels.go)
	drawnFor string // on the server: "?" and the query of the run drawn (playground-start.go)
}

// chartCache holds the charts of the player's latest full snapshot.
type chartCache struct {
	gen    int
	charts []view.ChartData
}

func (c *chartCache) of(p *player) []view.ChartData {
	if c.gen != p.gen || c.charts == nil {
		c.gen, c.charts = p.gen, view.Charts(p.views)
	}
	return c.charts
}

// Actions of the playground's own controls.
const (
	ActionCompare = "cachepit/compare" // toggle the side-by-side comparison
	ActionShared  = "cachepit/shared"  // flip between per-worker and shared caches
	ActionSet     = "cachepit/set"     // one engine setting: tag "field" names it, the value is the text entered
)

func (p *Playground) OnMount(ctx app.Context) {
	Mark("mount")
	if p.run == nil && p.failure == "" { // not loaded by OnInit: tests run natively
		p.open(app.Window().URL().RawQuery)
	}
	p.budget = true
	p.player.handle(ctx, p)
	p.handle(ctx)
	ctx.Defer(func(app.Context) { p.writeFigures(true) }) // the cards' figures are written from now on (see drawSystems); the run loaded in OnInit is already snapshotted
	keys := listenKeys(map[string]key{"p": {Action: ActionPresenter, Control: true}, "P": {Action: ActionPresenter, Control: true}})
	bar := followBar("#playground .play-bar")
	p.release = func() { keys(); bar() }
	p.typed = len(p.notices) > 0
	p.play(p.state.At < 0)
	p.clock.start(ctx, p.frame)
	markReady(ctx)
	if app.IsClient {
		ctx.Defer(p.panelsLater)
	} else {
		p.panelsOn = true // tests run natively draw the whole page at once
	}
}

// OnNav reloads the run when a link on the page names other settings (the
// post's setup): go-app keeps the mounted playground for the same path. A
// jump to a heading (#blog) keeps the address's settings and the run.
func (p *Playground) OnNav(ctx app.Context) {
	if p.run == nil {
		return // the first load: OnMount read the address
	}
	st, notes := view.ParsePage(app.Window().URL().RawQuery)
	if st.Config == p.state.Config && st.Compare == p.state.Compare {
		return
	}
	p.notices = notes
	p.load(st)
	p.typed = len(p.notices) > 0
	p.play(st.At < 0)
}

// addressEvery is how often the address catches up with the run while it
// plays: the link in it always holds a request number near the one shown.
const addressEvery = time.Second

// frame plays the requests due and, now and then, writes the request
// reached into the address, in a frame that go-app redraws anyway: writing
// the address (history.replaceState) took 10 to 26 ms under load, which made a
// figures-only frame miss the screen's refresh.
func (p *Playground) frame(ctx app.Context) {
	if done := p.player.frame(ctx); done.ran > 0 && done.full && time.Since(p.shared) >= addressEvery {
		p.follow(ctx)
	}
}

func (p *Playground) OnDismount() {
	if p.release != nil {
		p.release()
		p.release = nil
	}
	p.pause()
}

// load builds the systems for st and runs them to st.At; settings the
// engine refuses fall back to the defaults, with a notice.
func (p *Playground) load(st view.PageState) {
	p.state = st
	p.theory, p.blog = prediction{}, blogRun{} // computed when the panels first need them
	p.player.load(func() (*view.Runner, error) {
		r, err := view.NewRunner(st)
		if err != nil {
			p.notices = append(p.notices, err.Error())
			p.state.Config = sim.Default()
			return view.NewRunner(p.state)
		}
		return r, nil
	}, max(st.At, 0))
}

// reset goes back to request 0 with the same settings.
func (p *Playground) reset(ctx app.Context) {
	st := p.state
	st.At, st.Restarts, st.Deploys = 0, nil, nil
	p.load(st)
	p.follow(ctx)
}

// changed keeps the address current after the player acted.
func (p *Playground) changed(ctx app.Context, a app.Action) {
	if a.Name != ActionSpeed {
		p.follow(ctx)
	}
}

// handle wires the playground's own controls.
func (p *Playground) handle(ctx app.Context) {
	reload := func(ctx app.Context, change func(*view.PageState)) {
		st := p.here()
		change(&st)
		p.load(st)
		p.syncURL(ctx)
	}
	ctx.Handle(ActionCompare, func(ctx app.Context, a app.Action) {
		reload(ctx, func(st *view.PageState) { st.Compare = !st.Compare })
	})
	ctx.Handle(ActionShared, func(ctx app.Context, a app.Action) {
		reload(ctx, func(st *view.PageState) {
			st.Config.Mode = nextMode(st.Config.Mode, st.Config.Hosts)
		})
	})
	ctx.Handle(ActionPresenter, func(ctx app.Context, a app.Action) {
		p.state.Presenter = !p.state.Presenter
		p.syncURL(ctx)
	})
	ctx.Handle(ActionPickStack, func(ctx app.Context, a app.Action) {
		name, _ := a.Value.(string)
		if name, bad := view.ParseStack(name); bad == "" {
			p.state.Stack = name
			p.syncURL(ctx)
		}
	})
	ctx.Handle(ActionOutage, func(ctx app.Context, a app.Action) { p.outage(ctx, a) })
	ctx.Handle(ActionDismiss, func(ctx app.Context, a app.Action) { p.syncURL(ctx) }) // the player hides the notices
	p.handleSkip(ctx, p, func() view.Theory { return p.prediction().theory })
	ctx.Handle(ActionSet, func(ctx app.Context, a app.Action) {
		f, ok := sim.FieldByName(a.Tags.Get("field"))
		v, _ := a.Value.(string)
		if !ok {
			return
		}
		st := p.state
		if err := f.Set(&st.Config, v); err != nil {
			p.notices = append(p.notices, err.Error())
			p.views = append([]view.System(nil), p.views...) // redraw the input with the kept value
			return
		}
		st.At, st.Restarts, st.Deploys = 0, nil, nil
		p.load(st)
		p.syncURL(ctx)
	})
}

// here is the page state that reproduces the run as it stands now.
func (p *Playground) here() view.PageState {
	st := p.state
	st.At = -1
	if p.run != nil {
		st.At = p.run.Seq()
		st.Restarts = p.run.Restarts()
		st.Deploys = p.run.Deploys()
	}
	return st
}

// syncURL writes the state into the address bar: the link opens the run
// paused at the request it reached. The page calls it when the user changes
// a setting or dismisses the notices, and through follow otherwise.
func (p *Playground) syncURL(ctx app.Context) {
	p.shared, p.typed = time.Now(), false
	replaceURL(ctx, p.here().Query())
}

// follow keeps the address current as the run goes on (playing, pausing,
// stepping, resetting), except while it holds values the page could not
// use: then it stays as typed, behind the notice that names them, so the
// text to correct is not lost.
func (p *Playground) follow(ctx app.Context) {
	if !p.typed {
		p.syncURL(ctx)
	}
}

func (p *Playground) Render() app.UI {
	if p.run == nil && p.failure == "" {
		return p.chrome(el("p").Class("loading").Text("Starting the simulator…"))
	}
	mode := p.state.Config.Mode
	body := []app.UI{
		notices("Some settings could not be used and kept the value they had (on a page just opened, the default):", p.notices),
		failure(p.failure),
		postStrip(),
		&PlayBar{
			Running: p.running, Speed: p.speed, SpeedID: "speed", Rate: p.meter.rate, RateBelow: true, Keys: true, Starting: p.starting(),
			Load: &Load{Arrivals: p.state.Config.Arrivals, Clients: p.state.Config.Clients, Rate: p.state.Config.Rate},
			Tail: []BarButton{
				{ID: "deploy", Text: "↻ Restart all", Action: ActionDeploy,
					Title: "restart every worker at once, as gunicorn does on HUP: every per-worker cache starts empty, every worker boots"},
				{ID: "deploy-rolling", Text: "↻ Rolling restart", Action: ActionDeploy, Value: 1,
					Title: "restart the workers one after another, each when the one before is up: the others keep serving"},
				{ID: "flip-shared", Text: modeLabel(mode), Title: modeTitle(mode, p.state.Config.Hosts),
					Action: ActionShared, Pressed: pressed(mode != "local")},
				{ID: "compare", Text: compareLabel(p.state.Compare), Action: ActionCompare, Pressed: pressed(p.state.Compare),
					Title: "the same requests on a second design beside this one, with a table of what differs"},
			},
		},
		legend(p.views),
		outageNote(p.state.Config, p.views),
		drawSystems(withFaults(p.views), p.budget), // whole cards until mounted: the server's and the client's first drawing
	}
	if !p.panelsOn { // Playground.panels is first called (and compiled) once they are on
		return p.chrome(append(body, el("div").ID("panels-pending"))...)
	}
	return p.chrome(append(body, p.panels()...)...)
}

// chrome is the page around body: the title, the links and the footer.
func (p *Playground) chrome(body ...app.UI) app.UI {
	cls := "page"
	if p.state.Presenter {
		cls += " presenter"
	}
	return el("div").Class(cls).ID("playground").Body(
		el("header").Class("top").Body(
			el("div").Class("brand").Body(
				el("img").Attr("src", "/web/icon.svg").Attr("alt", "").Class("logo"),
				app.H1().Text("cachepit"),
			),
			el("p").Class("tagline").Body(
				app.Text("A pre-fork server (gunicorn style) runs N worker processes. Give each its own "),
				el("code").Text("@lru_cache"),
				app.Text(" and you get N caches: every key misses once per worker, is held N times, and goes stale on the workers that did not see the write. A shared cache (Memcached style) is one cache for all."),
			),
			el("nav").Class("top-links").Aria("label", "pages").Body(
				el("a").ID("to-lessons").Attr("href", view.LessonURL(rootPrefix(), 0)).Text("Lessons"),
				el("a").Attr("href", rootPrefix()+view.HandoutPath).Text("Handout"),
				el("a").ID("to-code").Attr("href", "#code-panel").Title("what to change in your own project, for these settings").Text("In your Django/Flask app"),
				el("button").Class("btn small").ID("presenter").Aria("pressed", p.state.Presenter).Aria("keyshortcuts", "p").
					Title("large type for a projector (p)").Text("Presenter view").
					OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(ActionPresenter) }),
			),
		),
		p.main(body...),
		el("footer").Class("foot").Body(
			app.Text("Deterministic: the link holds every setting and the request number, so it reproduces this run exactly. Origin: the 2017 post “Gunicorn & LRU cache pitfall”."),
		),
	)
}

func compareLabel(on bool) string {
	if on {
		return "Single view"
	}
	return "Compare"
}

// pressed is a toggle button's state for BarButton.Pressed.
func pressed(on bool) int8 {
	if on {
		return 2
	}
	return 1
}
