package web

import (
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// How the playground starts. The server draws the run the address names
// (OnPreRender), so the browser paints it, and finds the fonts its text
// needs, while app.wasm is still on its way. The client loads the same run
// before its own first render (OnInit), so that go-app, which replaces the
// server's markup when it mounts, draws the run at once and not a
// placeholder; OnMount then starts the clock and the controls.

// OnInit loads the run the address names before the first render, so that
// the client's first drawing of the page is the run itself, as the server
// pre-rendered it, not a placeholder.
func (p *Playground) OnInit() {
	if app.IsClient {
		p.open(app.Window().URL().RawQuery)
	}
}

// OnPreRender draws the run the request names on the server: the page is
// painted at once and the browser lays out its text (and finds its fonts)
// while app.wasm is still on its way. A run too long to replay per request
// is left to the client.
func (p *Playground) OnPreRender(ctx app.Context) {
	if st, _ := view.ParsePage(ctx.Page().URL().RawQuery); st.At <= prerenderMax {
		p.open(ctx.Page().URL().RawQuery)
	}
}

// prerenderMax is the longest run the server replays to pre-render a page.
const prerenderMax = 100_000

// open loads the run of the address's query.
func (p *Playground) open(query string) {
	st, notes := view.ParsePage(query)
	p.notices = notes
	p.setSpeed(DefaultSpeed)
	p.load(st)
	Mark("loaded")
}

// prerendered is the class of the page's main part as the server draws it:
// a static site's page, drawn for no settings, hides it when the address
// names some (site.StaleGuard), until the client draws the run named.
func prerendered() string {
	if app.IsServer {
		return "prerendered"
	}
	return ""
}
