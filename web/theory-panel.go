package web

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Theory is Che's prediction for a deployment: N per-worker caches of C,
// one shared cache of the size the engine uses, and routing by key.
type Theory = sim.Prediction

// TheoryOf predicts for c; it costs a few milliseconds, so compute it once per config.
func TheoryOf(c sim.Config) Theory { return sim.Predict(c) }

// TheoryMaxKeys bounds the key space the playground predicts for: Che's
// approximation costs time in proportion to the keys (about 0.1 s for
// 20,000 natively, seconds for a million), and the page must not stall.
const TheoryMaxKeys = 20_000

// TheoryFor is TheoryOf(c) when c's key space is small enough to predict
// at once; ok is false otherwise.
func TheoryFor(c sim.Config) (t Theory, ok bool) {
	if c.Keys > TheoryMaxKeys {
		return Theory{}, false
	}
	return TheoryOf(c), true
}

// MeasuredOf reads each view's hit ratio for the theory panel.
func MeasuredOf(views []View) []Measured {
	out := make([]Measured, len(views))
	for i, v := range views {
		out[i] = Measured{Mode: v.Config.Mode, HitRatio: v.Stats.HitRatio, Reads: v.Stats.Total.Reads}
	}
	return out
}

// Measured is a live system's hit ratio, for the theory panel.
type Measured struct {
	Mode     string
	HitRatio float64
	Reads    int64
}

// TheoryPanel sets the measured hit ratios beside Che's predictions, so a
// class sees why N caches of size C hit like one cache of size C.
type TheoryPanel struct {
	app.Compo
	Theory   Theory
	Measured []Measured
}

func (c *TheoryPanel) Render() app.UI {
	t := c.Theory
	find := func(mode string) (Measured, bool) {
		for _, m := range c.Measured {
			if m.Mode == mode && m.Reads > 0 {
				return m, true
			}
		}
		return Measured{}, false
	}
	rows := []app.UI{}
	local, hasLocal := find("local")
	if t.KeyHash {
		rows = append(rows, theoryRow("routed", fmt.Sprintf("%d caches of %d, each key routed to one worker", t.Workers, t.Cache), t.Routed, local, hasLocal))
		rows = append(rows, theoryRow("local", fmt.Sprintf("%d caches of %d, any worker for any key", t.Workers, t.Cache), t.PerWorker, Measured{}, false))
	} else {
		rows = append(rows, theoryRow("local", fmt.Sprintf("%d per-worker caches of %d entries", t.Workers, t.Cache), t.PerWorker, local, hasLocal))
	}
	shared, hasShared := find("shared")
	rows = append(rows, theoryRow("shared", sharedLabel(t), t.Shared, shared, hasShared))
	return el("section").Class("panel theory").ID("theory").Aria("labelledby", "theory-title").Body(
		app.H2().ID("theory-title").Text("Theory beside practice"),
		el("p").Class("panel-sub").Text(theoryWords(t)),
		el("table").Class("theory-table").Body(
			el("thead").Body(el("tr").Body(
				el("th").Attr("scope", "col").Text("cache"),
				el("th").Attr("scope", "col").Text("predicted"),
				el("th").Attr("scope", "col").Text("measured"),
			)),
			el("tbody").Body(rows...),
		),
		el("p").Class("theory-note").Text("Predictions leave out writes, TTLs and restarts; measurements include the warm-up."),
	)
}

func theoryRow(key, label string, predicted float64, m Measured, ok bool) app.UI {
	measured := el("td").Class("num").ID("theory-" + key + "-measured").Text("not run here")
	if ok {
		measured = el("td").Class("num").ID("theory-"+key+"-measured").Body(
			el("span").Text(Pct(m.HitRatio)),
			el("span").Class("tbar measured").Aria("hidden", "true").Body(el("span").Style("width", Pct(m.HitRatio))),
		)
	}
	return el("tr").Body(
		el("th").Attr("scope", "row").Text(label),
		el("td").Class("num").ID("theory-"+key+"-predicted").Body(
			el("span").Text(Pct(predicted)),
			el("span").Class("tbar predicted").Aria("hidden", "true").Body(el("span").Style("width", Pct(predicted))),
		),
		measured,
	)
}

// sharedLabel names the shared cache by the size the engine gives it.
func sharedLabel(t Theory) string {
	if t.SharedSize == t.Workers*t.Cache {
		return fmt.Sprintf("one shared cache of %s entries (%d × %d)", Count(t.SharedSize), t.Workers, t.Cache)
	}
	return fmt.Sprintf("one shared cache of %s entries", Count(t.SharedSize))
}

// theoryWords explains the prediction for t's balancer.
func theoryWords(t Theory) string {
	total := t.Workers * t.Cache
	if t.KeyHash {
		return fmt.Sprintf("Che's approximation predicts an LRU cache's long-run hit ratio. Routed by key, each worker sees only "+
			"its share of the keys, so the %d caches of %d together hit about like one cache of %s: what a shared cache "+
			"of the same memory does, without its round trip.", t.Workers, t.Cache, Count(total))
	}
	s := fmt.Sprintf("Che's approximation predicts an LRU cache's long-run hit ratio. Every worker sees the whole request stream, "+
		"so each of the %d caches hits like one cache of %d", t.Workers, t.Cache)
	if t.SharedSize == total {
		return s + fmt.Sprintf(": the same %s entries shared hit like one cache of %s.", Count(total), Count(total))
	}
	return s + fmt.Sprintf(", while one shared cache of %s entries hits like one cache of %s.", Count(t.SharedSize), Count(t.SharedSize))
}
