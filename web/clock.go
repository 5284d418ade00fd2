package web

import (
	"sync/atomic"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// clock paces a page's frames: on every animation frame of the browser it
// dispatches one frame while playing, never more than one queued at a time;
// slow speeds skip animation frames until a request is due. Hidden tabs get
// no animation frames, so they rest.
type clock struct {
	live    atomic.Bool  // playing: frames are dispatched
	pending atomic.Bool  // a frame is queued: do not queue another
	period  atomic.Int64 // nanoseconds between requests at slow speeds, else 0
}

// start runs frame on the component's goroutine until ctx ends. frame must
// clear pending when it is done, and ask for the redraw it needs.
func (c *clock) start(ctx app.Context, frame func(app.Context)) {
	var cb app.Func
	var lastDispatch time.Time
	cb = app.FuncOf(func(this app.Value, args []app.Value) any {
		if ctx.Err() != nil {
			cb.Release()
			return nil
		}
		now := time.Now()
		due := now.Sub(lastDispatch) >= time.Duration(c.period.Load())-2*time.Millisecond
		if due && c.live.Load() && !c.pending.Load() {
			c.pending.Store(true)
			lastDispatch = now
			// Next, not Update: frame asks go-app to redraw only when it must.
			ctx.Dispatcher().Dispatch(app.Dispatch{Mode: app.Next, Source: ctx.Src(), Function: frame})
		}
		app.Window().Call("requestAnimationFrame", cb)
		return nil
	})
	app.Window().Call("requestAnimationFrame", cb)
}

// setSpeed paces requests for Speeds[i] and returns i, clamped to Speeds.
func (c *clock) setSpeed(i int) int {
	i = min(max(i, 0), len(Speeds)-1)
	var period time.Duration
	if s := Speeds[i]; s > 0 && s < 60 {
		period = time.Duration(float64(time.Second) / s)
	}
	c.period.Store(int64(period))
	return i
}
