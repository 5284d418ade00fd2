package web

import (
	"fmt"
	"slices"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ActionSkipWarmup runs the page's systems on until their caches have
// settled (view.Runner.SkipWarmup), then pauses there.
const ActionSkipWarmup = "cachepit/skip-warmup"

// handleSkip wires "Skip the warm-up" for a page whose prediction is
// theory(); the scene then keeps its address in step, so that the link
// reproduces the settled run.
func (p *player) handleSkip(ctx app.Context, s scene, theory func() view.Theory) {
	ctx.Handle(ActionSkipWarmup, func(ctx app.Context, a app.Action) {
		if p.run == nil || p.failure != "" {
			return
		}
		p.pause()
		p.apply(func() error { _, err := p.run.SkipWarmup(theory()); return err })
		s.changed(ctx, a)
	})
}

// recentHead names the recent window's column: the requests it covers.
func (c *TheoryPanel) recentHead() string {
	for _, w := range c.Warmups {
		if w.State != view.NoReads {
			return "last " + view.Count(w.To-w.From)
		}
	}
	return "recent"
}

// warmup says, for each measured system, how far its caches have come to
// the steady state Che predicts, and offers to run on until they settle.
func (c *TheoryPanel) warmup() app.UI {
	lines := make([]app.UI, 0, len(c.Warmups))
	done := true
	for i, w := range c.Warmups {
		if i >= len(c.Measured) || c.Measured[i].Reads == 0 {
			continue
		}
		done = done && w.Done()
		text := warmupWords(w, view.LeavesOut(c.Measured[i:i+1]))
		if len(c.Warmups) > 1 {
			text = view.Title(sim.Config{Mode: c.Measured[i].Mode}) + ": " + text
		}
		lines = append(lines, el("p").Class("warmup").ID(fmt.Sprintf("warmup-%d", i)).DataSet("state", warmState(w)).Text(text))
	}
	if len(lines) == 0 {
		return nil
	}
	return el("div").Class("warmups").ID("warmups").Body(
		el("div").Body(lines...),
		app.If(c.Skip && !done, el("button").Class("btn small").ID("skip-warmup").
			Title(fmt.Sprintf("run on until the caches have settled, then pause there (at most %s more requests)", view.Count(view.SkipLimit))).
			Text("Skip the warm-up").
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(ActionSkipWarmup) })),
		el("p").Class("theory-note").Text(fmt.Sprintf("“The last N requests” are the last tenth of the run, and never fewer than %s "+
			"(the whole run while it is shorter); the column's heading gives N. The caches have settled when those requests hit within "+
			"%.0f points of Che's prediction (more when they hold few reads: three times √(p(1−p)/reads)), "+
			"or when the last three such stretches hit within that margin of one another.",
			view.Count(view.RecentSpan(0)), 100*view.SettleMargin)),
	)
}

// warmState names w's state for tests and styles.
func warmState(w view.Warmup) string {
	return [...]string{"none", "warming", "settled", "steady", "full"}[w.State]
}

// warmupWords says where w stands, in one sentence; left names what the
// system has that the prediction leaves out (view.LeavesOut), if anything.
func warmupWords(w view.Warmup, left string) string {
	last := "the last " + view.Plural(w.To-w.From, "request")
	che := "Che's " + view.Pct(w.Predicted)
	switch w.State {
	case view.NoReads:
		return "Too few reads yet to say how warm the caches are."
	case view.Settled:
		return fmt.Sprintf("Settled: %s hit %s, %s points from %s; with %s the margin is %s points.",
			last, view.Pct(w.Recent), view.PointsApart(w.Recent, w.Predicted), che, view.Plural(w.Reads, "read"), points(w.Margin))
	case view.Steady:
		why := "an approximation" // nothing here that it leaves out
		if left != "" {
			why = "which leaves out " + left
		}
		return fmt.Sprintf("Steady: the last three windows hit %s to %s, %s points off %s, %s.",
			view.Pct(slices.Min(w.Windows)), view.Pct(slices.Max(w.Windows)), points(w.Recent-w.Predicted), che, why)
	case view.Full:
		return fullWords(w, last)
	}
	if w.Down {
		return fmt.Sprintf("The shared cache is down: %s hit %s; it warms up again once it is back.", last, view.Pct(w.Recent))
	}
	if w.Recent > w.Predicted {
		return fmt.Sprintf("Not settled: %s hit %s, above %s.", last, view.Pct(w.Recent), che)
	}
	if w.Refill != "" { // emptied on the way: not the run's first warm-up
		return fmt.Sprintf("Refilling after %s: %s hit %s; Che's approximation predicts %s once the caches are warm again.",
			w.Refill, last, view.Pct(w.Recent), view.Pct(w.Predicted))
	}
	return fmt.Sprintf("Warming up: %s hit %s; Che's approximation predicts %s once the caches are warm.",
		last, view.Pct(w.Recent), view.Pct(w.Predicted))
}

// fullWords says that the caches are full, and so warm, while the recent
// window still holds the misses that filled them.
func fullWords(w view.Warmup, last string) string {
	every, them := "every cache", "them"
	if w.Caches == 1 {
		every, them = "the cache", "it"
	}
	now := fmt.Sprintf("Warm: %s is full now, and Che's approximation predicts %s from here on", every, view.Pct(w.Predicted))
	if w.SinceReads > 0 {
		now = fmt.Sprintf("Warm: %s was full by request %s, and the %s since hit %s (Che's approximation: %s)",
			every, view.Count(w.Filled), view.Plural(w.SinceReads, "read"), view.Pct(w.Since), view.Pct(w.Predicted))
	}
	return fmt.Sprintf("%s; %s hit %s because they still hold the warm-up, the misses that filled %s.", now, last, view.Pct(w.Recent), them)
}

// caveat is the theory panel's last note: what the predictions leave out
// that the systems on the page have, named only when they have it.
func (c *TheoryPanel) caveat() string {
	const measured = "the all-time measurement includes the warm-up, the recent one only its end."
	if left := view.LeavesOut(c.Measured); left != "" {
		return "Predictions leave out " + left + "; " + measured
	}
	return "Predictions are for caches that nothing empties or invalidates, as here; " + measured
}

// points is a difference of ratios in percentage points, unsigned.
func points(d float64) string {
	if d < 0 {
		d = -d
	}
	return fmt.Sprintf("%.1f", 100*d)
}

// skipWords says where "Skip the warm-up" stopped, for the live region.
func skipWords(seq int64, t view.Theory, views []view.System) string {
	for _, w := range view.WarmupsOf(t, views) {
		if !w.Done() {
			return "Ran on to request " + view.Count(seq) + ": the caches have not settled yet."
		}
	}
	return "Skipped the warm-up: paused at request " + view.Count(seq) + ", where the caches have settled."
}
