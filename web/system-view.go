package web

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// SystemView draws one deployment as a picture: clients, the load balancer,
// the worker cards, the shared cache and the origin database. It depends only
// on its View, so a lesson page can embed it with any configuration.
type SystemView struct {
	app.Compo
	System  view.System
	Figures bool // the player writes the cache contents (see figures)
}

func (c *SystemView) Render() app.UI {
	v := c.System
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
		DataSet("backlog", st.Backlog.Now).
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
				app.If(len(v.Hosts) > 0, hostGroups(v)).Else(el("div").Class(fmt.Sprintf("workers cols-%d", columns(len(v.Workers)))).Body(
					app.Range(v.Workers).Slice(func(i int) app.UI {
						if c.Figures {
							return &WorkerCard{Worker: still(v.Workers[i]), Figures: true}
						}
						return &WorkerCard{Worker: v.Workers[i]}
					}),
				)),
				app.If(all(v.Config) > len(v.Workers), el("p").Class("more-workers").
					Text("+"+view.Plural(int64(all(v.Config)-len(v.Workers)), "more worker")+" simulated, not drawn")),
				c.renderOut(),
			),
			&Trace{Events: v.Last, Labels: v.Labels, Config: v.Config},
			traceNote(v.Config),
		)
}

// columns is how many worker cards a row holds: all of them up to four,
// else three or four, whichever leaves fewer empty places in the last row,
// so that no card is left alone on a row of its own.
func columns(n int) int {
	if n <= 4 {
		return max(n, 1)
	}
	if (3-n%3)%3 < (4-n%4)%4 {
		return 3
	}
	return 4
}

// all is how many workers the system runs, on every host.
func all(c sim.Config) int { return max(c.Hosts, 1) * c.Workers }

func describe(v view.System) string {
	c := v.Config
	s := fmt.Sprintf("%s · %s balancer · %s", view.Plural(int64(c.Workers), "worker"), c.Balancer, view.Keys(c))
	if view.Grouped(c) {
		s = fmt.Sprintf("%s × %s each · %s host balancer · %s", view.Plural(int64(c.Hosts), "host"), view.Plural(int64(c.Workers), "worker"),
			c.HostBalancer, view.Keys(c))
	}
	switch c.Mode {
	case "host":
		s += fmt.Sprintf(" · one cache of %s entries per host, shared by its workers", view.Count(c.HostSize()))
	case "tiered-host":
		s += fmt.Sprintf(" · lru_cache(maxsize=%d) in front of a cache of %s per host", c.Cache, view.Count(c.HostSize()))
	case "local":
		s += fmt.Sprintf(" · lru_cache(maxsize=%d) in each worker", c.Cache)
	case "shared":
		s += fmt.Sprintf(" · one shared cache of %s entries", view.Count(c.SharedSize()))
	default:
		s += fmt.Sprintf(" · lru_cache(maxsize=%d) in front of a shared cache of %s", c.Cache, view.Count(c.SharedSize()))
	}
	return s
}

func kpis(v view.System, sys int) app.UI {
	st := v.Stats
	kpi := func(key, label, value, hint string) app.UI {
		return el("div").Class("kpi kpi-"+key).Title(hint).Body(
			el("span").Class("kpi-value").ID(fmt.Sprintf("s%d-%s", sys, key)).Text(value),
			el("span").Class("kpi-label").ID(fmt.Sprintf("s%d-%s-label", sys, key)).Text(label),
		)
	}
	return el("div").Class("kpis").Body(
		kpi("hit-ratio", "hit ratio", view.HitRatio(st), "reads answered by a cache"),
		kpi("origin-reads", "database reads", view.Count(st.Origin.Reads), "load on the origin database"),
		kpi("stale", "⚠ stale reads", view.Count(st.Total.Stale), "reads answered with an old value"),
		kpi("entries", dupLabel(st), view.Count(st.Memory.Entries),
			"entries in all caches; duplicates: copies of a key another cache already holds"),
		kpi("p50", "p50 response time", view.ResponseTime(st, st.Latency.P50), "half the requests were answered faster: from arrival, waiting in the backlog included"),
		kpi("p99", "p99 response time", view.ResponseTime(st, st.Latency.P99), "99 in 100 requests were answered faster: from arrival, waiting in the backlog included"),
		kpi("seq", "requests", view.Count(st.Seq), "requests served so far"),
	)
}

// dupLabel labels the entries held with how many are duplicates.
func dupLabel(st sim.Stats) string {
	dup := fmt.Sprintf("entries held, %s duplicate", view.Count(st.Memory.Duplicates))
	if st.Memory.Duplicates != 1 {
		dup += "s"
	}
	return dup
}

func (c *SystemView) renderIn() app.UI {
	v := c.System
	busy := len(v.Last) > 0
	return el("div").Class("flow-in").Body(
		node("clients", "clients", load(v.Config)+" · "+v.Client, busy),
		el("div").Class("arrow").Text("↓"),
		node("lb", "load balancer", lbWords(v.Config), busy),
		backlog(v),
		el("p").Class("route").ID(fmt.Sprintf("s%d-route", sysOf(v))).Text(route(v)),
	)
}

// backlogBoxes is how many waiting connections the backlog draws one by one.
const backlogBoxes = 24

// backlog draws the connections waiting on the listen socket for a free
// worker thread: one box each, the count, the most so far, and the refused.
func backlog(v view.System) app.UI {
	sys := 0
	if len(v.Workers) > 0 {
		sys = v.Workers[0].System
	}
	b := backlogOf(v)
	return el("div").Class(b.class).ID(fmt.Sprintf("s%d-backlog", sys)).DataSet("now", v.Stats.Backlog.Now).DataSet("seq", v.Stats.Seq).
		Title("connections accepted by the kernel, waiting for a worker thread to take them (gunicorn's --backlog)").Body(
		el("strong").Text("backlog"),
		el("span").Class("backlog-boxes").ID(fmt.Sprintf("s%d-backlog-boxes", sys)).Aria("hidden", "true").Body(
			app.Range(make([]struct{}, backlogBoxes)).Slice(func(i int) app.UI {
				if i < b.boxes {
					return el("span").Class("bk full")
				}
				return el("span").Class("bk")
			}),
			el("span").Class("bk-more").ID(fmt.Sprintf("s%d-bk-more", sys)).Text(b.more),
		),
		el("span").Class("backlog-text").ID(fmt.Sprintf("s%d-backlog-text", sys)).Text(b.text),
	)
}

// load names where the requests come from.
func load(c sim.Config) string {
	if c.Arrivals == "poisson" {
		return fmt.Sprintf("%s requests/s, at random (Poisson)", view.Count(int64(c.Rate)))
	}
	return view.Plural(int64(c.Clients), "client") + ", one request at a time each"
}

func (c *SystemView) renderOut() app.UI {
	v := c.System
	st := v.Stats
	sys := 0
	if len(v.Workers) > 0 {
		sys = v.Workers[0].System
	}
	var lastMark view.Mark
	if n := len(v.Last); n > 0 {
		lastMark = view.MarkOf(v.Last[n-1])
	}
	return el("div").Class("flow-out").Body(
		app.If(v.Config.HasShared(), el("div").Class(sharedClass(v.Last, st.Shared.Down)).ID(fmt.Sprintf("s%d-shared", sys)).
			DataSet("down", st.Shared.Down).DataSet("errors", st.Shared.Errors).Body(
			el("strong").Text("shared cache"),
			app.If(st.Shared.Down, el("span").Class("down-badge").Text("down: every read goes to the database")),
			el("span").ID(fmt.Sprintf("s%d-shared-text", sys)).Text(sharedText(st)),
			app.If(st.Shared.Errors > 0, el("span").Class("cache-errors").ID(fmt.Sprintf("s%d-shared-errors", sys)).Text(view.Plural(st.Shared.Errors, "cache error"))),
			&CacheChips{Cache: v.Shared, ID: fmt.Sprintf("s%d-shared-chips", sys), Figures: c.Figures},
			app.If(v.Faults, outageButton(sys, -1, view.OutageOpen(v.Config.Outage, -1, st.Now), "the shared cache")),
		)),
		el("div").Class("arrow").Text("↓"),
		el("div").Class(originClass(lastMark, v.Last)).ID(fmt.Sprintf("s%d-origin", sys)).
			DataSet("active", v.Live.OriginActive).DataSet("duplicates", st.Origin.Duplicates).Body(
			el("strong").Text("origin database"),
			el("span").ID(fmt.Sprintf("s%d-origin-rw", sys)).Text(originText(st)),
			el("span").Class("origin-conns").ID(fmt.Sprintf("s%d-conns", sys)).Title("connections to the database serving a fetch or a write now; the most at once since counting started").
				Text(conns(v)),
			el("span").Class("origin-dups").ID(fmt.Sprintf("s%d-dups", sys)).Title("fetches of a key another request was already fetching: the stampede a deploy or an expiry sets off").
				Text(dupsText(st)),
			app.If(v.Live.Followers > 0, el("span").Class("flight").ID(fmt.Sprintf("s%d-flight", sys)).
				Title("requests answered by another request's fetch when it lands (coalesce)").
				Text(flightText(v.Live))),
		),
	)
}

// sharedClass lights the shared cache when the latest read went to it.
func sharedClass(last []sim.Event, down bool) string {
	if down {
		return "node node-shared down"
	}
	if n := len(last); n > 0 {
		if e := last[n-1]; e.Op == sim.Read && (e.From == sim.Shared || e.From == sim.Origin) {
			return "node node-shared busy"
		}
	}
	return "node node-shared"
}

func originClass(m view.Mark, last []sim.Event) string {
	if m == view.Miss || m == view.WriteOp {
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

func insightList(v view.System, sys int) app.UI {
	lines := view.Insights(v)
	return el("ul").Class("insights").ID(fmt.Sprintf("s%d-insights", sys)).Aria("label", "what to notice").Body(
		app.Range(lines).Slice(func(i int) app.UI { return el("li").Text(lines[i]) }),
	)
}

// systems draws every system side by side.
func systems(views []view.System) app.UI { return drawSystems(views, false) }

// liveSystems draws every system side by side for a player that writes
// their cache contents itself (see figures).
func liveSystems(views []view.System) app.UI { return drawSystems(views, true) }

func drawSystems(views []view.System, figures bool) app.UI {
	cls := "systems"
	if len(views) > 1 {
		cls += " two"
	}
	return el("div").Class(cls).Body(app.Range(views).Slice(func(i int) app.UI {
		return &SystemView{System: views[i], Figures: figures && !view.Grouped(views[i].Config)}
	}))
}

// lbWords says how requests reach a worker: across hosts, then inside one.
func lbWords(c sim.Config) string {
	if c.Hosts > 1 {
		return c.HostBalancer + " across hosts, then " + c.Balancer + " inside each"
	}
	return c.Balancer
}

// conns says how many origin connections are in use, of how many.
func conns(v view.System) string {
	of := "no limit"
	if n := v.Config.OriginConns; n > 0 {
		of = "of " + view.Count(n)
	}
	s := fmt.Sprintf("%s in use (%s) · most %s", view.Plural(int64(v.Live.OriginActive), "connection"), of, view.Count(v.Stats.Origin.Peak))
	if v.Live.OriginWaiting > 0 {
		s += fmt.Sprintf(" · %s waiting for one", view.Count(v.Live.OriginWaiting))
	}
	return s
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func fetches(n int) string {
	if n == 1 {
		return "1 fetch"
	}
	return view.Count(n) + " fetches"
}
