package web

import (
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// legend explains the symbols; colour is never the only cue.
func legend() app.UI {
	item := func(m view.Mark) app.UI {
		return el("li").Class(m.Class()).Body(el("span").Class("sym").Text(m.Symbol()), app.Text(" "+m.Word()))
	}
	return el("ul").Class("legend-bar").Aria("label", "legend").Body(
		item(view.LocalHit), item(view.SharedHit), item(view.Miss), item(view.StaleRead), item(view.WriteOp),
		el("li").Body(el("span").Class("chip dup").Text("17"), app.Text(" key also cached by another worker")),
		el("li").Body(el("span").Class("chip stale").Text("⚠17"), app.Text(" cached value is stale")),
	)
}
