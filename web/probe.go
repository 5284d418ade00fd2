package web

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// probe measures the page's frames for the speed benchmark (make bench-web):
// once a second it publishes the mean Go time per screen update (engine
// batch, snapshot, render) as the root element's data-frame-ms.
type probe struct {
	cost  time.Duration // Go time of frames since since
	n     int           // frames since since
	since time.Time
}

// frame records one frame that took d, ending at now.
func (p *probe) frame(d time.Duration, now time.Time) {
	p.cost += d
	p.n++
	if p.since.IsZero() {
		p.since = now
		return
	}
	if now.Sub(p.since) < time.Second {
		return
	}
	app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-frame-ms",
		float64(p.cost.Microseconds())/1000/float64(p.n))
	p.cost, p.n, p.since = 0, 0, now
}

// markReady tells tests and the benchmark that the client has drawn the
// page: data-ready holds the milliseconds since navigation, set once the
// update being rendered is on screen.
func markReady(ctx app.Context) {
	if !app.IsClient {
		return
	}
	ctx.Defer(func(app.Context) {
		app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-ready",
			app.Window().Get("performance").Call("now").Float())
	})
}
