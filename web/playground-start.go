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
	q := ctx.Page().URL().RawQuery
	if st, _ := view.ParsePage(q); st.At <= prerenderMax && plain(q) {
		p.open(q)
		p.drawnFor = "?" + q
	}
}

// prerenderMax is the longest run the server replays to pre-render a page.
const prerenderMax = 100_000

// plain tells whether q may stand in an attribute as go-app writes them
// (strconv.Quote, which does not escape for HTML): a browser sends a query
// with quotes, angle brackets and other such characters percent-encoded, so
// one that holds them raw is left to the client.
func plain(q string) bool {
	for i := 0; i < len(q); i++ {
		if c := q[i]; c < 0x21 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' {
			return false
		}
	}
	return true
}

// open loads the run of the address's query.
func (p *Playground) open(query string) {
	st, notes := view.ParsePage(query)
	p.notices = notes
	p.setSpeed(DefaultSpeed)
	p.load(st)
	Mark("loaded")
}

// starting tells whether this is the server's drawing of a run, which does
// not respond until the client draws it again.
func (p *Playground) starting() bool { return app.IsServer && p.drawnFor != "" }

// main is the page's main part. As the server draws a run, it says for which
// address: the page hides it when shown at another (site/loader.go's head
// script), until the client draws the run the address names.
func (p *Playground) main(body ...app.UI) app.HTMLElem {
	return mainFor(p.drawnFor).Body(body...)
}

// mainFor is a page's main element; drawnFor is "?" and the query the
// server drew it for, "" for the client's drawing (and a server's that drew
// nothing of the address).
func mainFor(drawnFor string) app.HTMLElem {
	m := el("main")
	if app.IsServer && drawnFor != "" {
		m = m.Class("prerendered").DataSet("for", drawnFor)
	}
	return m
}
