package web

import (
	"cmp"
	"fmt"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// TheoryPanel sets the measured hit ratios beside Che's predictions, so a
// class sees why N caches of size C hit like one cache of size C.
type TheoryPanel struct {
	app.Compo
	Theory   view.Theory
	Measured []view.Measured
	Warmups  []view.Warmup // per measured system: its recent hit ratio and how settled it is
	Skip     bool          // offer "Skip the warm-up": the run can go on
}

func (c *TheoryPanel) Render() app.UI {
	t := c.Theory
	find := func(mode string) int {
		for i, m := range c.Measured {
			if m.Mode == mode && m.Reads > 0 {
				return i
			}
		}
		return -1
	}
	rows := []app.UI{}
	local := find("local")
	if t.KeyHash {
		rows = append(rows, c.row("routed", fmt.Sprintf("%d caches of %d, each key routed to one worker", t.Workers, t.Cache), t.Routed, local))
		rows = append(rows, c.row("local", fmt.Sprintf("%d caches of %d, any worker for any key", t.Workers, t.Cache), t.PerWorker, -1))
	} else {
		rows = append(rows, c.row("local", localLabel(t, c.Measured), t.PerWorker, local))
	}
	rows = append(rows, c.row("shared", sharedLabel(t), t.Shared, find("shared")))
	if t.Hosts > 1 && len(c.Measured) > 0 { // this system as a whole: hosts, their balancer, its cache scope
		m, i := c.Measured[0], -1
		if m.Reads > 0 {
			i = 0
		}
		rows = append(rows, c.row("system", view.HostsRow(t, m), t.HitRatio, i))
	}
	return el("section").Class("panel theory").ID("theory").Aria("labelledby", "theory-title").Body(
		app.H2().ID("theory-title").Text("Theory beside practice"),
		el("p").Class("panel-sub").ID("theory-words").Text(cmp.Or(ttlWords(c.Measured), view.HostsWords(t, c.Measured), theoryWords(t))),
		el("table").Class("theory-table").Body(
			el("thead").Body(el("tr").Body(
				el("th").Attr("scope", "col").Text("cache"),
				el("th").Attr("scope", "col").Text("predicted"),
				el("th").Attr("scope", "col").Text("measured, all"),
				el("th").Attr("scope", "col").ID("theory-recent-head").Text(c.recentHead()),
			)),
			el("tbody").Body(rows...),
		),
		c.warmup(),
		el("p").Class("theory-note").ID("theory-caveat").Text(c.caveat()),
		c.queueing(),
	)
}

// queueing sets queueing theory's figures beside the measured ones: the
// utilization for any number of workers, and for one sync worker the mean
// response time of M/D/1 or M/G/1 (Pollaczek–Khinchine) and of M/M/1.
func (c *TheoryPanel) queueing() app.UI {
	q := c.Theory.Queueing
	if q.Service == 0 {
		return el("p").Class("theory-note").ID("queueing-none").
			Text("Queueing theory needs an open stream of requests: set the load to requests/s (Poisson) to see its figures here.")
	}
	var m view.Measured
	if len(c.Measured) > 0 {
		m = c.Measured[0]
	}
	measured := func(ok bool, s string) string {
		if !ok || m.Reads == 0 {
			return "not run here"
		}
		return s
	}
	row := func(id, label, predicted, got string) app.UI {
		return el("tr").Body(
			el("th").Attr("scope", "row").Text(label),
			el("td").Class("num").ID("queue-"+id+"-predicted").Text(predicted),
			el("td").Class("num").ID("queue-"+id+"-measured").Text(got),
		)
	}
	rows := []app.UI{
		row("service", "mean service time", view.Micros(int(q.Service+0.5)), measured(m.Service > 0, view.Micros(int(m.Service+0.5)))),
		row("util", "utilization: rate × mean service ÷ threads", view.Pct(q.Utilization), measured(true, view.Pct(m.Utilization))),
	}
	if q.Queue != "" {
		resp := "grows without bound (utilization ≥ 100%)"
		mm1 := resp
		if q.Response > 0 {
			resp, mm1 = view.Micros(int(q.Response+0.5)), view.Micros(int(q.ResponseMM1+0.5))
		}
		rows = append(rows,
			row("resp", "mean response time, "+q.Queue, resp, measured(true, view.Micros(int(m.MeanResponse+0.5)))),
			row("mm1", "the same if service times were random (M/M/1)", mm1, "—"),
		)
	}
	return el("div").Class("queueing").Body(
		el("h3").Text("Queueing"),
		el("p").Class("panel-sub").Text("Above about 80% utilization the backlog, and the response time, climb steeply."),
		el("table").Class("theory-table").Body(
			el("thead").Body(el("tr").Body(
				el("th").Attr("scope", "col").Text("figure"),
				el("th").Attr("scope", "col").Text("predicted"),
				el("th").Attr("scope", "col").Text("measured"),
			)),
			el("tbody").Body(rows...),
		),
		app.If(m.Service > 0, el("p").Class("theory-note").ID("queueing-why").Text(view.QueueingWords(q, c.Theory.HitRatio, m))),
	)
}

// row is one cache's prediction beside measured system i (-1: not run here).
func (c *TheoryPanel) row(key, label string, predicted float64, i int) app.UI {
	measured := el("td").Class("num").ID("theory-" + key + "-measured").Text("not run here")
	recent := el("td").Class("num recent").ID("theory-" + key + "-recent").Text("—")
	if i >= 0 {
		m := c.Measured[i]
		measured = el("td").Class("num").ID("theory-"+key+"-measured").Body(
			el("span").Text(view.Pct(m.HitRatio)),
			el("span").Class("tbar measured").Aria("hidden", "true").Body(el("span").Style("width", view.Pct(m.HitRatio))),
		)
		if i < len(c.Warmups) && c.Warmups[i].State != view.NoReads {
			w := c.Warmups[i]
			recent = el("td").Class("num recent").ID("theory-"+key+"-recent").Body(
				el("span").Text(view.Pct(w.Recent)),
				el("span").Class("tbar measured").Aria("hidden", "true").Body(el("span").Style("width", view.Pct(w.Recent))),
			)
		}
	}
	return el("tr").Body(
		el("th").Attr("scope", "row").Text(label),
		el("td").Class("num").ID("theory-"+key+"-predicted").Body(
			el("span").Text(view.Pct(predicted)),
			el("span").Class("tbar predicted").Aria("hidden", "true").Body(el("span").Style("width", view.Pct(predicted))),
		),
		measured,
		recent,
	)
}

// sharedLabel names the shared cache by the size the engine gives it.
func sharedLabel(t view.Theory) string {
	if workers := max(t.Hosts, 1) * t.Workers; t.SharedSize == workers*t.Cache {
		return fmt.Sprintf("one shared cache of %s (%d × %d, the per-worker caches' memory)", view.Entries(int64(t.SharedSize)), workers, t.Cache)
	}
	return fmt.Sprintf("one shared cache of %s", view.Entries(int64(t.SharedSize)))
}

// localLabel names the per-worker row; a system with only host caches has
// none, so the row says it is the per-worker mode's, for comparison.
func localLabel(t view.Theory, ms []view.Measured) string {
	s := fmt.Sprintf("%d per-worker caches of %s", max(t.Hosts, 1)*t.Workers, view.Entries(int64(t.Cache)))
	if len(ms) > 0 && ms[0].Mode == "host" {
		s += " (mode local, not this system)"
	}
	return s
}

// ttlWords says what the prediction leaves out when a system's entries
// expire: Che's approximation knows only eviction, so for a few hot keys it
// predicts nearly every read a hit (lesson 11's one key: 100%), which says
// nothing about a TTL cache. "" when no entry expires.
func ttlWords(ms []view.Measured) string {
	for _, m := range ms {
		if m.TTL && m.Reads > 0 {
			return "Che's approximation predicts an LRU cache that keeps each entry until it is evicted. Here entries expire after their TTL, " +
				"which the prediction does not cover: the misses it leaves out are the expiries, and the fetches they cause. " +
				"Read the predicted column as the hit ratio without a TTL, not as this run's."
		}
	}
	return ""
}

// theoryWords explains the prediction for t's balancer.
func theoryWords(t view.Theory) string {
	total := t.Workers * t.Cache
	if t.KeyHash {
		return fmt.Sprintf("Che's approximation predicts an LRU cache's long-run hit ratio. Routed by key, each worker sees only "+
			"its share of the keys, so the %d caches of %d together hit about like one cache of %s: what a shared cache "+
			"of the same memory does, without its round trip.", t.Workers, t.Cache, view.Count(total))
	}
	s := fmt.Sprintf("Che's approximation predicts an LRU cache's long-run hit ratio. The balancer ignores the key, so every worker gets "+
		"requests for every key in the same proportions, only fewer of them: each of the %d caches hits like one cache of %d", t.Workers, t.Cache)
	if t.SharedSize == total {
		return s + fmt.Sprintf(". The same %s in one shared cache hit like one cache of %s.", view.Entries(int64(total)), view.Count(total))
	}
	return s + fmt.Sprintf(", while one shared cache of %s hits like one cache of %s.", view.Entries(int64(t.SharedSize)), view.Count(t.SharedSize))
}
