package web

import (
	"time"

	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// handleActions wires the children's actions to the page state. Every
// handler runs on the UI goroutine, the only place the engine changes.
func (p *Playground) handleActions(ctx app.Context) {
	ctx.Handle(ActionPlay, func(ctx app.Context, a app.Action) {
		if p.failure != "" {
			return
		}
		p.running = !p.running
		p.live.Store(p.running)
		p.last, p.rateAt, p.rate = time.Time{}, time.Time{}, ""
		if !p.running {
			// Paused, every part must show the same request, fast play or not.
			p.apply(func() error { return nil })
		}
		p.syncURL(ctx)
	})
	ctx.Handle(ActionStep, func(ctx app.Context, a app.Action) {
		p.pause()
		p.apply(func() error { return p.run.Advance(1) })
		p.syncURL(ctx)
	})
	ctx.Handle(ActionReset, func(ctx app.Context, a app.Action) {
		st := p.state
		st.At, st.Restarts = 0, nil
		p.load(ctx, st)
		p.syncURL(ctx)
	})
	ctx.Handle(ActionSpeed, func(ctx app.Context, a app.Action) {
		if i, ok := a.Value.(int); ok {
			p.setSpeed(i)
		}
	})
	ctx.Handle(ActionCompare, func(ctx app.Context, a app.Action) {
		st := p.here()
		st.Compare = !st.Compare
		p.load(ctx, st)
		p.syncURL(ctx)
	})
	ctx.Handle(ActionShared, func(ctx app.Context, a app.Action) {
		st := p.here()
		if st.Config.Mode == "local" {
			st.Config.Mode = "shared"
		} else {
			st.Config.Mode = "local"
		}
		p.load(ctx, st)
		p.syncURL(ctx)
	})
	ctx.Handle(ActionSet, func(ctx app.Context, a app.Action) {
		name := a.Tags.Get("field")
		v, _ := a.Value.(string)
		f, ok := sim.FieldByName(name)
		if !ok {
			return
		}
		st := p.state
		if err := f.Set(&st.Config, v); err != nil {
			p.notices = append(p.notices, err.Error())
			p.views = append([]View(nil), p.views...) // redraw the input with the kept value
			return
		}
		st.At, st.Restarts = 0, nil
		p.load(ctx, st)
		p.syncURL(ctx)
	})
	ctx.Handle(ActionRestart, func(ctx app.Context, a app.Action) {
		w, ok := a.Value.(int)
		if !ok {
			return
		}
		p.apply(func() error { return p.run.Restart(w) })
		p.syncURL(ctx)
	})
	ctx.Handle(ActionDismiss, func(ctx app.Context, a app.Action) {
		p.notices = nil
	})
}

// ActionDismiss hides the notices.
const ActionDismiss = "cachepit/dismiss"

func (p *Playground) pause() {
	p.running = false
	p.live.Store(false)
}

// here is the page state that reproduces the run as it stands now.
func (p *Playground) here() PageState {
	st := p.state
	st.At = -1
	if p.run != nil {
		st.At = p.run.Seq()
		st.Restarts = p.run.Restarts()
	}
	return st
}

// apply changes the running systems and redraws, turning a panic into the banner.
func (p *Playground) apply(change func() error) {
	if p.run == nil || p.failure != "" {
		return
	}
	msg := safely(func() {
		if err := change(); err != nil {
			p.notices = append(p.notices, err.Error())
		}
		p.views = p.full()
	})
	if msg != "" {
		p.fail(msg)
	}
}

// syncURL writes the state into the address bar without reloading: paused,
// the link reproduces this exact request; playing, the same run from 0.
func (p *Playground) syncURL(ctx app.Context) {
	st := p.here()
	if p.running {
		st.At = -1
	}
	u := *app.Window().URL()
	u.RawQuery = st.Query()
	ctx.Page().ReplaceURL(&u)
}
