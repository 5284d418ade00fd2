package web

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// SystemView draws one deployment as a picture: clients, the load balancer,
// the worker cards, the shared cache and the origin database. It depends only
// on its View, so a lesson page can embed it with any configuration.
type SystemView struct {
	app.Compo
	View View
}

func (c *SystemView) Render() app.UI {
	v := c.View
	sys := 0
	if len(v.Workers) > 0 {
		sys = v.Workers[0].System
	}
	st := v.Stats
	return el("section").
		Class("system mode-"+v.Config.Mode).
		ID(fmt.Sprintf("sys-%d", sys)).
		DataSet("seq", st.Seq).
		DataSet("hits", st.Total.Hits).
		DataSet("reads", st.Total.Reads).
		DataSet("origin-reads", st.Origin.Reads).
		DataSet("stale", st.Total.Stale).
		DataSet("entries", st.Memory.Entries).
		DataSet("duplicates", st.Memory.Duplicates).
		Aria("label", v.Title).
		Body(
			el("header").Class("system-head").Body(
				app.H2().Text(v.Title),
				el("p").Class("system-sub").Text(describe(v)),
			),
			kpis(v, sys),
			insightList(v, sys),
			el("div").Class("flow").Body(
				c.renderIn(),
				el("div").Class("workers").Body(
					app.Range(v.Workers).Slice(func(i int) app.UI {
						return &WorkerCard{Worker: v.Workers[i]}
					}),
					app.If(v.Config.Workers > len(v.Workers), el("p").Class("more-workers").
						Text(fmt.Sprintf("+%d more workers simulated, not drawn", v.Config.Workers-len(v.Workers)))),
				),
				c.renderOut(),
			),
			&Trace{Events: v.Last, Labels: v.Labels},
		)
}

func describe(v View) string {
	c := v.Config
	s := fmt.Sprintf("%d workers · %s balancer · %s keys (%s)", c.Workers, c.Balancer, Count(c.Keys), c.Dist)
	switch c.Mode {
	case "local":
		s += fmt.Sprintf(" · lru_cache(maxsize=%d) in each worker", c.Cache)
	case "shared":
		s += fmt.Sprintf(" · one shared cache of %s entries", Count(c.SharedSize()))
	default:
		s += fmt.Sprintf(" · lru_cache(maxsize=%d) in front of a shared cache of %s", c.Cache, Count(c.SharedSize()))
	}
	return s
}

func kpis(v View, sys int) app.UI {
	st := v.Stats
	kpi := func(key, label, value, hint string) app.UI {
		return el("div").Class("kpi kpi-"+key).Title(hint).Body(
			el("span").Class("kpi-value").ID(fmt.Sprintf("s%d-%s", sys, key)).Text(value),
			el("span").Class("kpi-label").Text(label),
		)
	}
	dup := fmt.Sprintf("entries held, %s duplicate", Count(st.Memory.Duplicates))
	if st.Memory.Duplicates != 1 {
		dup += "s"
	}
	return el("div").Class("kpis").Body(
		kpi("hit-ratio", "hit ratio", Pct(st.HitRatio), "reads answered by a cache"),
		kpi("origin-reads", "database reads", Count(st.Origin.Reads), "load on the origin database"),
		kpi("stale", "⚠ stale reads", Count(st.Total.Stale), "reads answered with an old value"),
		kpi("entries", dup, Count(st.Memory.Entries),
			"entries in all caches; duplicates: copies of a key another cache already holds"),
		kpi("p99", "p99 latency", Micros(st.Latency.P99), "99th percentile of modelled latency"),
		kpi("seq", "requests", Count(st.Seq), "requests served so far"),
	)
}

func (c *SystemView) renderIn() app.UI {
	v := c.View
	route := "waiting"
	if n := len(v.Last); n > 0 {
		e := v.Last[n-1]
		route = fmt.Sprintf("#%s %s → worker %d", Count(e.Seq), RequestText(e, labelAt(v.Labels, n-1)), e.Worker)
	}
	busy := len(v.Last) > 0
	return el("div").Class("flow-in").Body(
		node("clients", "clients", v.Client, busy),
		el("div").Class("arrow").Text("↓"),
		node("lb", "load balancer", v.Config.Balancer, busy),
		el("p").Class("route").Text(route),
	)
}

func (c *SystemView) renderOut() app.UI {
	v := c.View
	st := v.Stats
	var lastMark Mark
	if n := len(v.Last); n > 0 {
		lastMark = MarkOf(v.Last[n-1])
	}
	return el("div").Class("flow-out").Body(
		app.If(v.Config.HasShared(), el("div").Class(sharedClass(v.Last)).Body(
			el("strong").Text("shared cache"),
			el("span").Text(fmt.Sprintf("memcached-style · %d/%d · %s hits", st.Shared.Currsize, st.Shared.Maxsize, Count(st.Shared.Hits))),
			&CacheChips{Cache: v.Shared},
		)),
		el("div").Class("arrow").Text("↓"),
		el("div").Class(originClass(lastMark, v.Last)).Body(
			el("strong").Text("origin database"),
			el("span").Text(fmt.Sprintf("%s reads · %s writes", Count(st.Origin.Reads), Count(st.Origin.Writes))),
		),
	)
}

// sharedClass lights the shared cache when the latest read went to it.
func sharedClass(last []sim.Event) string {
	if n := len(last); n > 0 {
		if e := last[n-1]; e.Op == sim.Read && (e.From == sim.Shared || e.From == sim.Origin) {
			return "node node-shared busy"
		}
	}
	return "node node-shared"
}

func originClass(m Mark, last []sim.Event) string {
	if m == Miss || m == WriteOp {
		return fmt.Sprintf("node node-origin busy pulse%d", last[len(last)-1].Seq%2)
	}
	return "node node-origin"
}

func node(key, name, sub string, busy bool) app.UI {
	cls := "node node-" + key
	if busy {
		cls += " busy"
	}
	return el("div").Class(cls).Body(el("strong").Text(name), el("span").Text(sub))
}

func opWord(e sim.Event) string {
	if e.Op == sim.Write {
		return "PUT"
	}
	return "GET"
}

func insightList(v View, sys int) app.UI {
	lines := Insights(v)
	return el("ul").Class("insights").ID(fmt.Sprintf("s%d-insights", sys)).Aria("label", "what to notice").Body(
		app.Range(lines).Slice(func(i int) app.UI { return el("li").Text(lines[i]) }),
	)
}
