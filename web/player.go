package web

import (
	"fmt"
	"time"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// player runs a page's systems in time: it plays, pauses, steps, restarts
// workers and paces the frames, turns a panic into the error banner and
// collects the notices. Both pages embed one; each keeps only its own state
// and tells the player, through the scene it is, how to start over and
// what to do after a change.
type player struct {
	run     *view.Runner
	views   []view.System // the latest snapshot of every system
	gen     int           // counts full snapshots: parts drawn from views may cache on it
	running bool
	speed   int   // index into Speeds
	limit   int64 // pause when the run reaches this request, once; 0 for none
	notices []string
	failure string // a panic in the run, shown with a reset button

	pace    pace
	meter   meter
	probe   probe
	detail  time.Time     // when go-app last finished a redraw while playing
	drawn   time.Duration // how long that redraw's frame took
	budget  bool          // between go-app's redraws, move the figures only (see figures)
	figures figures
	render  renderTimer // the browser's time after a figures-only frame
	boots   boots
	ctx     app.Context // the page's, once mounted: redraws are followed by the figures
	clock               // paces the frames
}

// A scene is the page a player plays.
type scene interface {
	// reset goes back to the start of the page's run.
	reset(ctx app.Context)
	// changed follows an action the player has carried out (play, step,
	// speed, restart), for the page to update its address and say so.
	changed(ctx app.Context, a app.Action)
}

// Actions of the player. Controls and keys post them; the player carries
// them out and tells its scene.
const (
	ActionPlay    = "cachepit/play"    // toggle play and pause
	ActionStep    = "cachepit/step"    // one request
	ActionReset   = "cachepit/reset"   // back to the start with the same settings
	ActionSpeed   = "cachepit/speed"   // value: index into Speeds
	ActionRestart = "cachepit/restart" // value: the worker to restart
	ActionDeploy  = "cachepit/deploy"  // restart every worker; value 1: rolling, else all at once
	ActionDismiss = "cachepit/dismiss" // hide the notices
)

// handle wires the player's actions, on the component's goroutine, the only
// place the engine changes.
func (p *player) handle(ctx app.Context, s scene) {
	p.ctx = ctx
	ctx.Handle(ActionPlay, func(ctx app.Context, a app.Action) {
		if p.toggle() {
			s.changed(ctx, a)
		}
	})
	ctx.Handle(ActionStep, func(ctx app.Context, a app.Action) {
		if p.run == nil || p.failure != "" {
			return
		}
		p.pause()
		p.apply(func() error { return p.run.Advance(1) })
		s.changed(ctx, a)
		showLatest(ctx, p.views)
	})
	ctx.Handle(ActionReset, func(ctx app.Context, a app.Action) { s.reset(ctx) })
	ctx.Handle(ActionSpeed, func(ctx app.Context, a app.Action) {
		if i, ok := a.Value.(int); ok {
			p.setSpeed(i)
			s.changed(ctx, a)
		}
	})
	ctx.Handle(ActionRestart, func(ctx app.Context, a app.Action) {
		w, ok := a.Value.(int)
		if !ok || p.run == nil || p.failure != "" {
			return
		}
		p.apply(func() error { return p.run.Restart(w) })
		s.changed(ctx, a)
	})
	ctx.Handle(ActionDeploy, func(ctx app.Context, a app.Action) {
		rolling, _ := a.Value.(int)
		if p.run == nil || p.failure != "" {
			return
		}
		p.apply(func() error { p.run.Deploy(rolling == 1); return nil })
		s.changed(ctx, a)
	})
	ctx.Handle(ActionDismiss, func(ctx app.Context, a app.Action) { p.notices = nil })
}

// load builds the systems with build and runs them to request at.
func (p *player) load(build func() (*view.Runner, error), at int64) {
	p.failure, p.run, p.views = "", nil, nil
	msg := safely(func() {
		r, err := build()
		if err != nil {
			p.notices = append(p.notices, err.Error())
			return
		}
		p.run = r
		if at > r.Seq() {
			if err := r.Advance(at - r.Seq()); err != nil {
				p.notices = append(p.notices, err.Error())
			}
		}
		p.full()
	})
	if msg != "" {
		p.fail(msg)
	}
	p.pace.reset()
	p.meter.reset()
	p.boots.reset()
}

// play starts or stops playing, never after a failure.
func (p *player) play(on bool) {
	p.running = on && p.run != nil && p.failure == ""
	p.live.Store(p.running)
}

func (p *player) pause() { p.play(false) }

// toggle plays or pauses; paused, every part is redrawn from one snapshot.
// It reports whether anything changed.
func (p *player) toggle() bool {
	if p.run == nil || p.failure != "" {
		return false
	}
	if !p.running && p.run.Stopped() {
		return true // a scripted run ends at its script: playing on would be another run
	}
	p.play(!p.running)
	p.pace.last = time.Time{}
	p.meter.reset()
	if !p.running {
		p.apply(func() error { return nil })
	}
	return true
}

func (p *player) fail(msg string) {
	p.failure = msg
	p.pause()
}

func (p *player) setSpeed(i int) {
	p.speed = p.clock.setSpeed(i)
	p.pace.owed = 0
}

// seq is the number of requests served so far.
func (p *player) seq() int64 {
	if p.run == nil {
		return 0
	}
	return p.run.Seq()
}

// apply changes the running systems and redraws every part, turning a
// panic into the banner.
func (p *player) apply(change func() error) {
	if p.run == nil || p.failure != "" {
		return
	}
	msg := safely(func() {
		if err := change(); err != nil {
			p.notices = append(p.notices, err.Error())
		}
		p.full()
	})
	if msg != "" {
		p.fail(msg)
	}
}

// full snapshots every part of the systems for go-app to redraw. The
// figures follow the redraw: an element go-app believes unchanged may still
// show a figure written since its last redraw.
func (p *player) full() {
	p.views = p.run.Views()
	p.gen++
	if p.ctx != nil && p.budgeted() {
		p.ctx.Defer(func(app.Context) { p.writeFigures(true) })
	}
}

// showLatest scrolls the card of the worker that served the latest request
// into view once it is drawn: a single step is always seen.
func showLatest(ctx app.Context, views []view.System) {
	if len(views) == 0 || len(views[0].Last) == 0 || !app.IsClient {
		return
	}
	id := fmt.Sprintf("s0-w%d", views[0].Last[len(views[0].Last)-1].Worker)
	ctx.Defer(func(app.Context) {
		if card := app.Window().GetElementByID(id); card.Truthy() {
			card.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}

// replaceURL writes query into the address bar without reloading.
func replaceURL(ctx app.Context, query string) {
	if !app.IsClient {
		return
	}
	u := *app.Window().URL()
	u.RawQuery = query
	ctx.Page().ReplaceURL(&u)
}

// address is the absolute link to the page with query.
func address(query string) string {
	u := *app.Window().URL()
	u.RawQuery = query
	u.Fragment = ""
	return u.String()
}

// safely runs fn and turns a panic into a message, so that a bug in a run
// shows a banner instead of killing the page.
func safely(fn func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	fn()
	return ""
}
