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

// frame runs the requests due since the previous frame and snapshots the
// systems. The page's clock calls it through the page, which adds its own.
func (p *player) frame(ctx app.Context) (done frameDone) {
	start := time.Now()
	var engine time.Duration
	// The next frame may start once this one is on screen: Defer runs after
	// go-app has rendered the update.
	defer ctx.Defer(func(app.Context) {
		p.pending.Store(false)
		total := time.Since(start)
		p.pace.drawn(total, engine)
		p.probe.frame(total, time.Now())
	})
	if !p.running || p.run == nil {
		return done
	}
	now := time.Now()
	n := p.pace.due(now, Speeds[p.speed])
	seq := p.run.Seq()
	if p.limit > 0 {
		if seq >= p.limit {
			p.limit = 0
			p.pause()
			p.apply(func() error { return nil })
			return frameDone{full: true, stopped: true}
		}
		n = min(n, p.limit-seq)
	}
	if n <= 0 {
		return done
	}
	runStart := time.Now()
	msg := safely(func() {
		if err := p.run.Advance(n); err != nil {
			p.notices = append(p.notices, err.Error())
		}
		done = frameDone{ran: n, full: p.snapshot(now)}
	})
	if msg != "" {
		p.fail(msg)
		return frameDone{}
	}
	if Speeds[p.speed] == 0 {
		engine = time.Since(runStart) // with the snapshot: what grows with the batch
		p.pace.ran(engine)
	}
	p.meter.measure(now, p.run.Seq())
	if p.limit > 0 && p.run.Seq() >= p.limit {
		p.limit = 0
		p.pause()
		if !done.full {
			p.full()
		}
		return frameDone{ran: n, full: true, stopped: true}
	}
	return done
}

// detailEvery is how often the cache contents and the charts are redrawn
// when requests go by faster than anyone can read them: every number still
// changes on every frame, all from one moment of the run.
const detailEvery = 200 * time.Millisecond

// snapshot takes every part when detail is due, else refreshes the numbers
// of the last full one. It reports whether it took every part.
func (p *player) snapshot(now time.Time) bool {
	s := Speeds[p.speed]
	if (s > 0 && s <= 100) || now.Sub(p.detail) >= detailEvery || len(p.views) != p.run.Systems() {
		p.detail = now
		p.full()
		return true
	}
	p.views = p.run.Refresh(p.views)
	return false
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
		m.rate = "measured: " + view.Count(int64(float64(seq-m.seq)/d.Seconds())) + " req/s"
		m.at, m.seq = now, seq
	}
}
