package web

import (
	"fmt"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ActionOutage takes the shared cache (value -1) or host h (value h) down
// at the current simulated time, or brings it back when it is down.
const ActionOutage = "cachepit/outage"

// hostGroups draws the worker cards host by host: each host a box with its
// own figures and, in host modes, its host cache.
func hostGroups(v view.System) app.UI {
	sys := 0
	if len(v.Workers) > 0 {
		sys = v.Workers[0].System
	}
	return el("div").Class("hosts").Body(
		app.If(v.Ring.Hosts > 1, &KeyRing{System: sys, Ring: v.Ring}),
		app.Range(v.Hosts).Slice(func(i int) app.UI {
			return hostGroup(v, v.Hosts[i])
		}),
	)
}

func hostGroup(v view.System, h view.Host) app.UI {
	hs := h.Stats
	sys := 0
	if len(v.Workers) > 0 {
		sys = v.Workers[0].System
	}
	cls := "host"
	if hs.Down {
		cls += " down"
	}
	cards := v.Workers[h.First : h.First+h.Cards]
	return el("section").Class(cls).ID(fmt.Sprintf("s%d-h%d", sys, hs.ID)).
		DataSet("workers", h.Cards).
		DataSet("reads", hs.Total.Reads).
		DataSet("hits", hs.Total.Hits).
		DataSet("requests", hs.Total.Requests).
		Aria("label", fmt.Sprintf("host %d", hs.ID)).
		Body(
			el("header").Class("host-head").Body(
				el("strong").Text(fmt.Sprintf("host %d", hs.ID)),
				el("span").Class("host-figures").Text(hostFigures(hs.Total.Requests, hs.Total.Hits, hs.Total.Reads)),
				app.If(hs.Down, el("span").Class("down-badge").Text("down")),
				app.If(v.Faults, outageButton(sys, hs.ID, view.OutageOpen(v.Config.Outage, hs.ID, v.Stats.Now), fmt.Sprintf("host %d", hs.ID))),
			),
			app.If(v.Ring.KeyHash(), &HostKeys{System: sys, Host: hs.ID, Down: hs.Down, Ring: v.Ring}),
			app.If(h.HasCache, el("div").Class("host-cache").Body(
				el("div").Class("lru-label").Body(
					el("span").Text("host cache (memcached on localhost), oldest → newest"),
					el("span").Class("lru-size").Text(view.Count(hs.Cache.Currsize)+"/"+view.Count(hs.Cache.Maxsize)+" · "+view.Plural(hs.Cache.Hits, "hit")),
				),
				&CacheChips{Cache: h.Cache},
			)),
			el("div").Class("workers").Body(app.Range(cards).Slice(func(i int) app.UI {
				return &WorkerCard{Worker: cards[i]}
			})),
		)
}

func hostFigures(requests, hits, reads int64) string {
	return view.Plural(requests, "request") + " · hit ratio " + view.Share(hits, reads)
}

// outageButton takes target down or brings it back (-1: the shared cache);
// open: an outage of it is under way or about to begin.
func outageButton(sys, target int, open bool, name string) app.UI {
	text, title := "Take "+name+" down", "an outage from now on, recorded in the link"
	if target < 0 {
		text = "Take the shared cache down"
	}
	if open {
		text, title = "Bring "+name+" back", "end the outage now, recorded in the link"
		if target < 0 {
			text = "Bring the shared cache back"
		}
	}
	id := fmt.Sprintf("s%d-outage-h%d", sys, target)
	if target < 0 {
		id = fmt.Sprintf("s%d-outage-shared", sys)
	}
	return el("button").Class("btn small outage").ID(id).Title(title).Text(text).
		OnClick(func(ctx app.Context, e app.Event) {
			ctx.NewActionWithValue(ActionOutage, target, app.T("system", sys))
		})
}
