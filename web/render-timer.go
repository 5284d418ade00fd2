package web

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// renderTimer measures the browser's own work after a frame's Go code:
// style, layout, paint and commit, which Go cannot time directly. A frame
// posts a message as it ends; the browser delivers it once the rendering
// of that frame is done, and the time between the two is the render.
type renderTimer struct {
	js   app.Value // the JavaScript side, made on first use
	seen int       // the measurement last read
}

// renderJS keeps the latest measurement and counts them, so that a frame
// can tell a new one from the one it read before.
const renderJS = `
const ch = new MessageChannel();
const r = {ms: 0, n: 0, t0: 0, mark() { r.t0 = performance.now(); ch.port2.postMessage(0); }};
ch.port1.onmessage = () => { r.ms = performance.now() - r.t0; r.n++; };
return r;`

// mark starts measuring the render of the frame that is ending.
func (r *renderTimer) mark() {
	if !app.IsClient {
		return
	}
	if r.js == nil {
		r.js = app.Window().Get("Function").New(renderJS).Invoke()
	}
	r.js.Call("mark")
}

// last returns the render measured since the previous call, if any.
func (r *renderTimer) last() (time.Duration, bool) {
	if r.js == nil {
		return 0, false
	}
	n := r.js.Get("n").Int()
	if n == r.seen {
		return 0, false
	}
	r.seen = n
	return time.Duration(r.js.Get("ms").Float() * float64(time.Millisecond)), true
}

// layoutNow has the browser lay the page out at once rather than before its
// next paint, so that Go can time it.
func layoutNow() {
	if app.IsClient {
		app.Window().Get("document").Get("body").Get("offsetHeight")
	}
}
