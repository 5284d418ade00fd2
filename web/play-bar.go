package web

import (
	"strconv"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// PlayBar is the play bar of both pages: play and pause, one step, reset,
// the speed, the measured rate, and the page's own buttons before and
// after; on a lesson also the progress through its requests and the live
// region that says what happened.
type PlayBar struct {
	app.Compo
	Running   bool
	Speed     int    // index into Speeds
	SpeedID   string // id of the speed control
	SpeedMenu bool   // a list of speeds rather than a slider
	SpeedNote string // beside the speed: how the page changes it by itself; "" for none
	Rate      string // measured requests per second, when playing
	RateBelow bool   // the rate sits under the speed, not beside it, so the bar fits one row
	Load      *Load  // the load control, beside the speed; nil: none
	Keys      bool   // the page has keyboard shortcuts: name them
	Lead      []BarButton
	Tail      []BarButton
	Progress  *Progress // nil: no progress row
	Status    *string   // the live region's text, spoken; nil: none
	Line      string    // the same for the eye, from the snapshot on screen
	Class     string    // extra class of the bar
	Starting  bool      // the server's drawing, which does not respond: every control disabled, and the words say why
}

// startingWords stand where the playback state shows while the page is the
// server's drawing: the controls come alive when the client draws it again.
const startingWords = "Starting the simulator…"

// BarButton is a page's own button in the play bar; it posts Action.
type BarButton struct {
	ID, Text, Title, Action string
	Value                   int
	Keys                    string // aria-keyshortcuts
	Pressed                 int8   // 0 not a toggle, 1 off, 2 on
	Disabled                bool
}

// Progress is how far the run is through the requests a lesson shows.
type Progress struct {
	Seq, End int64
	Label    string
	Hint     string // beside the count, such as how to pause
	Clock    string // the simulated time, where the page talks about seconds; "" for none
}

func (c *PlayBar) Render() app.UI {
	post := func(name string) func(app.Context, app.Event) {
		return func(ctx app.Context, e app.Event) { ctx.NewAction(name) }
	}
	keys := func(e app.HTMLElem, k string) app.HTMLElem {
		if c.Keys {
			return e.Aria("keyshortcuts", k)
		}
		return e
	}
	play, playLabel := "▶ Play", "Play"
	if c.Running {
		play, playLabel = "❚❚ Pause", "Pause"
	}
	step, reset := "serve one request", "back to the start, paused, same settings"
	if c.Keys {
		step, reset = step+" (s)", reset+" (r)"
	}
	// The words that the page is still starting stand where it says how
	// it plays: over the status line on a lesson, in place of the
	// measured rate (a box of its own size) on the playground.
	rateText := c.Rate
	if c.Starting && c.Status == nil {
		rateText = startingWords
	}
	rate := el("span").Class("rate").ID("rate").Title("measured playback: requests the page drew in the last second of your time, at most the playback speed; not the simulated load").Text(rateText)
	speed := c.speedControl()
	if c.RateBelow {
		speed = el("span").Class("speed-rate").Body(speed, rate)
	}
	items := buttons(c.Lead, c.Starting)
	items = append(items,
		keys(c.control(el("button").ID("play").Class("btn primary").Aria("label", playLabel)), "Space").Text(play).OnClick(post(ActionPlay)),
		keys(c.control(el("button").ID("step").Class("btn").Title(step)), "s").Text("Step").OnClick(post(ActionStep)),
		keys(c.control(el("button").ID("reset").Class("btn").Title(reset)), "r").Text("Reset").OnClick(post(ActionReset)),
		speed,
		app.If(c.SpeedNote != "", el("span").Class("speed-note").ID(c.SpeedID+"-note").Text(c.SpeedNote)),
		c.Load.control(c.Starting),
		app.If(!c.RateBelow, rate),
		el("span").Class("spacer"),
	)
	items = append(items, buttons(c.Tail, c.Starting)...)
	bar := []app.UI{el("div").Class("transport").Aria("label", "run controls").Role("group").Body(items...)}
	if pr := c.Progress; pr != nil {
		bar = append(bar, el("div").Class("run-progress").Body(
			el("progress").ID("run-progress").Attr("max", max(pr.End, 1)).Attr("value", min(pr.Seq, max(pr.End, 1))).
				Aria("label", pr.Label),
			el("span").ID("run-count").Text(runCount(pr.Seq, pr.End)),
			app.If(pr.Clock != "", el("span").ID("run-clock").Class("run-clock").Text(pr.Clock)),
			app.If(pr.Hint != "", el("span").ID("run-hint").Class("run-hint").Text(pr.Hint)),
		))
	}
	if c.Status != nil {
		// The live region speaks about once a second; the line on screen
		// follows every frame, so it never disagrees with the counters.
		bar = append(bar,
			c.statusLine(),
			el("p").Class("sr-only").ID("status").Role("status").Aria("live", "polite").Text(*c.Status),
		)
	}
	return el("div").Class("play-bar " + c.Class).Body(bar...)
}

func (c *PlayBar) speedControl() app.UI {
	choose := func(ctx app.Context, e app.Event) {
		i, _ := strconv.Atoi(ctx.JSSrc().Get("value").String())
		ctx.NewActionWithValue(ActionSpeed, i)
	}
	var input app.UI
	if c.SpeedMenu {
		sel := el("select").ID(c.SpeedID)
		if c.SpeedNote != "" {
			sel = sel.Aria("describedby", c.SpeedID+"-note")
		}
		input = c.control(sel).Body(app.Range(Speeds).Slice(func(i int) app.UI {
			return option(strconv.Itoa(i), i == c.Speed).Text(SpeedLabel(i))
		})).OnChange(choose)
	} else {
		input = c.control(el("input")).Attr("type", "range").ID(c.SpeedID).Attr("min", 0).Attr("max", len(Speeds)-1).Attr("step", 1).
			Attr("value", strconv.Itoa(c.Speed)).Aria("valuetext", SpeedLabel(c.Speed)).OnInput(choose)
	}
	// Beside a load control the speed is named for what it is, the
	// playback: "Speed 50 req/s" next to "1000 requests/s (Poisson)" was read
	// as the system managing 50 of the 1,000 requests a second.
	label := el("label").Class("speed").Attr("for", c.SpeedID)
	name := "Speed"
	if c.Load != nil {
		name = "Playback"
		label = label.Title("playback speed: how many of the simulated requests the page draws per second of your time; it changes how fast you watch, not the simulated load")
	}
	return label.Body(
		el("span").ID(c.SpeedID+"-name").Text(name),
		input,
		app.If(!c.SpeedMenu, el("output").Attr("for", c.SpeedID).ID(c.SpeedID+"-label").Text(SpeedLabel(c.Speed))),
	)
}

// statusLine is the play bar's line for the eye. On the server's drawing
// the words that the simulator is starting stand over it, and its own text,
// hidden, holds its size: the client's drawing, which shows that text in
// its place, lays out the same.
func (c *PlayBar) statusLine() app.UI {
	p := el("p").Class("status").ID("status-line").Aria("hidden", "true")
	if !c.Starting {
		return p.Text(c.Line)
	}
	return p.Style("position", "relative").Body(
		el("span").Style("visibility", "hidden").Text(c.Line),
		el("span").ID("starting").Style("position", "absolute").Style("inset", "0").Style("padding", "inherit").Text(startingWords),
	)
}

// control disables e on the server's drawing (see Starting).
func (c *PlayBar) control(e app.HTMLElem) app.HTMLElem {
	if c.Starting {
		return e.Attr("disabled", true)
	}
	return e
}

// buttons draws the page's own buttons, all disabled when starting.
func buttons(bs []BarButton, starting bool) []app.UI {
	out := make([]app.UI, len(bs))
	for i, b := range bs {
		e := el("button").ID(b.ID).Class("btn").Text(b.Text)
		if b.Title != "" {
			e = e.Title(b.Title)
		}
		if b.Keys != "" {
			e = e.Aria("keyshortcuts", b.Keys)
		}
		if b.Pressed > 0 {
			e = e.Class("btn toggle").Aria("pressed", b.Pressed == 2)
		}
		if b.Disabled || starting {
			e = e.Attr("disabled", true)
		}
		name, v := b.Action, b.Value
		out[i] = e.OnClick(func(ctx app.Context, _ app.Event) { ctx.NewActionWithValue(name, v) })
	}
	return out
}

// runCount says where the run is among the lesson's requests.
func runCount(seq, end int64) string {
	if seq > end {
		return "request " + view.Count(seq) + " (the lesson's " + view.Count(end) + ", then more)"
	}
	return "request " + view.Count(seq) + " of " + view.Count(end)
}
