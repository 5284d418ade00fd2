package web

import (
	"time"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// frameDone is what a frame did.
type frameDone struct {
	ran     int64 // requests run
	full    bool  // every part was snapshotted, not only the numbers
	stopped bool  // the run reached the player's limit and paused
}

// detailEvery is how often go-app redraws the page while requests go by
// faster than anyone can read them: the cache contents, the charts and the
// sentences. Every number on screen still changes on every frame, all from
// one moment of the run (see figures). A redraw that takes longer than
// detailEvery/detailShare is followed by a longer wait (see redraws).
const detailEvery = 100 * time.Millisecond

// detailShare is the share of the time redraws may take while playing fast,
// at most: a redrawn frame costs several figures-only frames, which move
// every number on screen.
const detailShare = 4

// frame runs the requests due since the previous frame and shows them. The
// page's clock calls it through the page, which adds its own. A frame
// either moves the figures with one call (see figures) or has go-app redraw
// the page; without a budget (a lesson page, hosts drawn in groups) every
// frame is redrawn.
func (p *player) frame(ctx app.Context) (done frameDone) {
	start := time.Now()
	var engine time.Duration
	kind := figuresFrame
	defer func() {
		end := func() {
			p.pending.Store(false)
			if kind == drawnFrame && p.budgeted() {
				layoutNow() // the redraw's cost counts the layout it causes, so that redraws space out by it
			}
			total := time.Since(start)
			if kind == drawnFrame {
				p.detail, p.drawn = time.Now(), total // a slow redraw is followed by frames that move only the figures
			}
			p.pace.drawn(kind, total, engine)
			p.probe.frame(kind, total, engine, p.pace.render, time.Now())
		}
		if kind == figuresFrame {
			p.figures.flush(false)
			end()
			p.render.mark()
			return
		}
		// Redraw, then let the next frame start once this one is on
		// screen: Defer runs after go-app has rendered the update.
		ctx.Dispatch(func(app.Context) {})
		ctx.Defer(func(app.Context) { end() })
	}()
	if !p.running || p.run == nil {
		return done
	}
	if d, ok := p.render.last(); ok {
		p.pace.rendered(d)
	}
	now := time.Now()
	s := Speeds[p.speed]
	if p.redraws(now) {
		kind = drawnFrame
	}
	n := p.pace.due(now, s, kind, kind == drawnFrame && p.budgeted())
	seq := p.run.Seq()
	if p.limit > 0 {
		if seq >= p.limit {
			p.limit = 0
			p.pause()
			p.apply(func() error { return nil })
			kind = drawnFrame
			return frameDone{full: true, stopped: true}
		}
		n = min(n, p.limit-seq)
	}
	if s > 0 {
		n = p.boots.limit(now, p.run, n)
	}
	if n <= 0 {
		return done
	}
	msg := safely(func() {
		runStart := time.Now()
		ran, err := p.advance(n, s > 0, now)
		engine = time.Since(runStart) // the engine alone: the snapshot's cost depends on the kind of frame
		if err != nil {
			p.notices = append(p.notices, err.Error())
		}
		done = frameDone{ran: ran, full: kind == drawnFrame}
		if kind == drawnFrame {
			p.full()
		} else {
			p.views = p.run.Refresh(p.views)
			p.writeFigures(false)
		}
	})
	if msg != "" {
		p.fail(msg)
		kind = drawnFrame
		return frameDone{}
	}
	if s == 0 {
		p.pace.ran(done.ran, engine)
	}
	p.meter.measure(now, p.run.Seq())
	if p.limit > 0 && p.run.Seq() >= p.limit {
		p.limit = 0
		p.pause()
		if !done.full {
			p.full()
		}
		kind = drawnFrame
		return frameDone{ran: done.ran, full: true, stopped: true}
	}
	return done
}

// redraws reports whether go-app redraws the page this frame: always
// without a budget, at slow speeds (each request flashes its card), and
// every detailEvery, or detailShare times as long as the last redraw took.
func (p *player) redraws(now time.Time) bool {
	s := Speeds[p.speed]
	return !p.budgeted() || (s > 0 && s <= 100) || now.Sub(p.detail) >= max(detailEvery, detailShare*p.drawn) || len(p.views) != p.run.Systems()
}

// budgeted reports whether the page moves its figures between redraws: the
// page asked for it and draws no host groups, whose figures go-app alone
// draws.
func (p *player) budgeted() bool {
	if !p.budget {
		return false
	}
	for _, v := range p.views {
		if view.Grouped(v.Config) {
			return false
		}
	}
	return true
}

// advance runs n requests. At a set speed it runs them in a few parts and
// stops early when a worker starts to boot, so that the boot is on screen.
func (p *player) advance(n int64, watch bool, now time.Time) (int64, error) {
	if !watch {
		return n, p.run.Advance(n)
	}
	part := max(n/8, 1)
	ran := int64(0)
	for ran < n {
		k := min(part, n-ran)
		seq := p.run.Seq()
		if err := p.run.Advance(k); err != nil {
			return ran, err
		}
		ran += p.run.Seq() - seq
		if p.boots.started(now, p.run) || p.run.Seq() == seq {
			break
		}
	}
	return ran, nil
}

// writeFigures moves every figure on the page to the latest snapshot, and
// with chips the cache contents, which only a full snapshot changes. Without
// chips, worker cards far off screen keep the figures of the latest redraw,
// which writes them all.
func (p *player) writeFigures(chips bool) {
	if !p.budgeted() {
		return
	}
	for _, v := range p.views {
		systemFigures(&p.figures, v, chips)
	}
	p.figures.flush(chips)
}

// meter measures the requests per second actually served while playing.
type meter struct {
	at   time.Time // start of the measurement
	seq  int64     // requests served at at
	rate string    // the latest measurement, in words
}

func (m *meter) reset() { *m = meter{} }

func (m *meter) measure(now time.Time, seq int64) {
	if m.at.IsZero() {
		m.at, m.seq = now, seq
		return
	}
	if d := now.Sub(m.at); d >= time.Second {
		m.rate = view.PlayRate(int64(float64(seq-m.seq) / d.Seconds()))
		m.at, m.seq = now, seq
	}
}
