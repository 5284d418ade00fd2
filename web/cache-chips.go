package web

import (
	"fmt"
	"strconv"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// CacheChips draws a cache's newest entries. It is a component of its own so
// that a card whose numbers change but whose contents do not skips them.
type CacheChips struct {
	app.Compo
	Cache view.Cache
}

func (c *CacheChips) Render() app.UI {
	cv := c.Cache
	return el("div").Class("chips").Body(
		app.If(cv.Hidden > 0, el("span").Class("chip more").Title("older entries not drawn: "+view.Count(cv.Hidden)).
			Text(view.Count(cv.Hidden)+" older …")),
		app.Range(cv.Entries).Slice(func(i int) app.UI { return chip(cv, i) }),
		app.If(len(cv.Entries) == 0, el("span").Class("empty").Text("empty")),
	)
}

func chip(cv view.Cache, i int) app.UI {
	e := cv.Entries[i]
	cls, text, title := "chip", strconv.Itoa(e.Key), fmt.Sprintf("key %d, version %d", e.Key, e.Version)
	if cv.Dups[i] {
		cls += " dup"
		title += ", also held by another worker"
	}
	if e.Stale {
		cls += " stale"
		text = "⚠" + text
		title += ", stale: the database has a newer version"
	}
	return el("span").Class(cls).Title(title).Text(text)
}
