package web

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// probe measures the page's frames for the speed benchmark (make bench-web):
// once a second it publishes the mean Go time per screen update (engine
// batch, snapshot, figures or render) as the root element's data-frame-ms,
// and apart for the two kinds of frame, with how many of each, as
// data-figures-ms, data-drawn-ms and data-frames ("figures/drawn").
type probe struct {
	cost   [2]time.Duration // Go time of frames since since, per kind
	engine [2]time.Duration // the engine's part of it
	render time.Duration    // the browser's render after a figures-only frame, as the pace estimates it
	n      [2]int           // frames since since, per kind
	since  time.Time
}

// frame records one frame of the given kind that took d, ending at now.
func (p *probe) frame(kind int, d, engine, render time.Duration, now time.Time) {
	p.cost[kind] += d
	p.engine[kind] += engine
	p.render = render
	p.n[kind]++
	if p.since.IsZero() {
		p.since = now
		return
	}
	if now.Sub(p.since) < time.Second {
		return
	}
	root := app.Window().Get("document").Get("documentElement")
	mean := func(d time.Duration, n int) float64 { return float64(d.Microseconds()) / 1000 / float64(max(n, 1)) }
	root.Call("setAttribute", "data-frame-ms", mean(p.cost[0]+p.cost[1], p.n[0]+p.n[1]))
	root.Call("setAttribute", "data-figures-ms", mean(p.cost[figuresFrame], p.n[figuresFrame]))
	root.Call("setAttribute", "data-drawn-ms", mean(p.cost[drawnFrame], p.n[drawnFrame]))
	root.Call("setAttribute", "data-figures-engine-ms", mean(p.engine[figuresFrame], p.n[figuresFrame]))
	root.Call("setAttribute", "data-render-ms", mean(p.render, 1))
	root.Call("setAttribute", "data-frames", fmt.Sprintf("%d/%d", p.n[figuresFrame], p.n[drawnFrame]))
	*p = probe{since: now}
}

// Mark records a moment of the page's start as a performance mark named
// "cachepit:"+name, for the first-render breakdown of make bench-web.
func Mark(name string) {
	if app.IsClient {
		app.Window().Get("performance").Call("mark", "cachepit:"+name)
	}
}

// markReady tells tests and the benchmark that the client has drawn the
// page: data-ready holds the milliseconds since navigation, set once the
// update being rendered is done, and data-painted the moment the browser
// has painted it (a task posted from the next animation frame runs after
// that frame's paint; a hidden tab, which paints nothing, never sets it).
func markReady(ctx app.Context) {
	if !app.IsClient {
		return
	}
	ctx.Defer(func(app.Context) {
		app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-ready",
			app.Window().Get("performance").Call("now").Float())
		app.Window().Get("Function").New(paintedJS).Invoke()
	})
}

const paintedJS = `
requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => document.documentElement.setAttribute("data-painted", performance.now());
  ch.port2.postMessage(0);
});`
