package web

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions of the transport bar.
const (
	ActionPlay    = "cachepit/play"    // toggle play and pause
	ActionStep    = "cachepit/step"    // one request
	ActionReset   = "cachepit/reset"   // back to request 0 with the same settings
	ActionSpeed   = "cachepit/speed"   // value: index into Speeds
	ActionCompare = "cachepit/compare" // toggle the side-by-side comparison
	ActionShared  = "cachepit/shared"  // flip between per-worker and shared caches
)

// Speeds are the play speeds in requests per second; 0 is as fast as it goes.
var Speeds = []float64{1, 2, 5, 10, 20, 50, 100, 1_000, 10_000, 100_000, 0}

// SpeedLabel names a speed for the slider.
func SpeedLabel(i int) string {
	s := Speeds[i]
	if s == 0 {
		return "as fast as it goes"
	}
	return Count(int64(s)) + " req/s"
}

// Transport is the play bar: play, pause, single step, speed, reset, and the
// two switches a lesson needs most (shared cache, comparison).
type Transport struct {
	app.Compo
	Running bool
	Speed   int    // index into Speeds
	Rate    string // measured requests per second, when playing
	Compare bool
	Mode    string
}

func (c *Transport) Render() app.UI {
	post := func(name string) func(app.Context, app.Event) {
		return func(ctx app.Context, e app.Event) { ctx.NewAction(name) }
	}
	play, playLabel := "▶ Play", "play"
	if c.Running {
		play, playLabel = "❚❚ Pause", "pause"
	}
	shared := "Shared cache: off"
	if c.Mode != "local" {
		shared = "Shared cache: on"
	}
	compare := "Compare side by side"
	if c.Compare {
		compare = "Single view"
	}
	return el("div").Class("transport").Aria("label", "run controls").Body(
		el("button").ID("play").Class("btn primary").Aria("label", playLabel).Text(play).OnClick(post(ActionPlay)),
		el("button").ID("step").Class("btn").Title("serve one request").Text("Step").OnClick(post(ActionStep)),
		el("button").ID("reset").Class("btn").Title("back to request 0, same settings").Text("Reset").OnClick(post(ActionReset)),
		el("label").Class("speed").Attr("for", "speed").Body(
			el("span").Text("Speed"),
			el("input").Attr("type", "range").ID("speed").Attr("min", 0).Attr("max", len(Speeds)-1).Attr("step", 1).
				Attr("value", strconv.Itoa(c.Speed)).
				Aria("valuetext", SpeedLabel(c.Speed)).
				OnInput(func(ctx app.Context, e app.Event) {
					i, _ := strconv.Atoi(ctx.JSSrc().Get("value").String())
					ctx.NewActionWithValue(ActionSpeed, i)
				}),
			el("output").Attr("for", "speed").ID("speed-label").Text(SpeedLabel(c.Speed)),
		),
		el("span").Class("rate").ID("rate").Text(c.Rate),
		el("span").Class("spacer"),
		el("button").ID("flip-shared").Class("btn toggle").Aria("pressed", c.Mode != "local").
			Title("switch between one cache per worker and a shared cache").Text(shared).OnClick(post(ActionShared)),
		el("button").ID("compare").Class("btn toggle").Aria("pressed", c.Compare).
			Text(compare).OnClick(post(ActionCompare)),
	)
}
