package web

import (
	"strconv"
	"strings"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// CacheChips draws a cache's newest entries. It is a component of its own so
// that a card whose numbers change but whose contents do not skips them.
// With Figures the player writes the chips (see chipsHTML) and go-app draws
// only their place: a redraw of every card's chips through go-app costs
// several calls into JavaScript per chip.
type CacheChips struct {
	app.Compo
	Cache   view.Cache
	ID      string
	Figures bool
}

func (c *CacheChips) Render() app.UI {
	cv := c.Cache
	if c.Figures {
		return el("div").Class("chips").ID(c.ID)
	}
	return el("div").Class("chips").ID(c.ID).Body(
		app.If(cv.Hidden > 0, el("span").Class("chip more").Title("older entries not drawn: "+view.Count(cv.Hidden)).
			Text(view.Count(cv.Hidden)+" older …")),
		app.Range(cv.Entries).Slice(func(i int) app.UI { return chip(cv, i) }),
		app.If(len(cv.Entries) == 0, el("span").Class("empty").Text("empty")),
	)
}

func chip(cv view.Cache, i int) app.UI {
	cls, title, text := chipOf(cv, i)
	return el("span").Class(cls).Title(title).Text(text)
}

// chipOf is how entry i of cv is drawn.
func chipOf(cv view.Cache, i int) (cls, title, text string) {
	e := cv.Entries[i]
	cls, text, title = "chip", strconv.Itoa(e.Key), "key "+strconv.Itoa(e.Key)+", version "+strconv.FormatUint(uint64(e.Version), 10)
	if cv.Dups[i] {
		cls += " dup"
		title += ", also held by another worker"
	}
	if e.Stale {
		cls += " stale"
		text = "⚠" + text
		title += ", stale: the database has a newer version"
	}
	return cls, title, text
}

// chipsHTML is the markup Render draws without Figures, for the player to
// write. Every part is a number or a fixed word: nothing to escape.
func chipsHTML(cv view.Cache) string {
	var b strings.Builder
	if cv.Hidden > 0 {
		n := view.Count(cv.Hidden)
		b.WriteString(`<span class="chip more" title="older entries not drawn: ` + n + `">` + n + ` older …</span>`)
	}
	for i := range cv.Entries {
		cls, title, text := chipOf(cv, i)
		b.WriteString(`<span class="` + cls + `" title="` + title + `">` + text + `</span>`)
	}
	if len(cv.Entries) == 0 {
		b.WriteString(`<span class="empty">empty</span>`)
	}
	return b.String()
}
