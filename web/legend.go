package web

import (
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// legend explains the symbols of the systems drawn; colour is never the
// only cue. A hit behind the worker's own cache is named for the cache
// that answered: the shared cache, or in the host modes the host's.
func legend(views []view.System) app.UI {
	item := func(m view.Mark) app.UI {
		return el("li").Class(m.Class()).Body(el("span").Class("sym").Text(m.Symbol()), app.Text(" "+m.Word()))
	}
	marks := []app.UI{item(view.LocalHit)}
	for _, m := range hitMarks(views) {
		marks = append(marks, item(m))
	}
	marks = append(marks, item(view.Miss), item(view.StaleRead), item(view.WriteOp),
		el("li").Class(view.InfoOp.Class()).Body(el("span").Class("sym").Text(view.InfoOp.Symbol()), app.Text(" GET /get_cache_info: the worker reports its cache_info(), looks up no key")),
		el("li").Body(el("span").Class("sym").Text(idleMark), app.Text(" "+idleWords)),
		el("li").Body(el("span").Class("chip dup").Text("17"), app.Text(" key 17, also held by another worker")),
		el("li").Body(el("span").Class("chip stale").Text("⚠17"), app.Text(" key 17, held with a stale value")),
	)
	return el("ul").Class("legend-bar").Aria("label", "legend").Body(marks...)
}

// hitMarks are the second-level hits the systems can show: a shared hit, a
// host-cache hit, or both when a comparison has one of each. Systems with
// per-worker caches only still name the shared hit, what the fix would add.
func hitMarks(views []view.System) []view.Mark {
	var shared, host bool
	for _, v := range views {
		shared = shared || v.Config.HasShared()
		host = host || v.Config.HasHost()
	}
	switch {
	case host && shared:
		return []view.Mark{view.SharedHit, view.HostHit}
	case host:
		return []view.Mark{view.HostHit}
	}
	return []view.Mark{view.SharedHit}
}
