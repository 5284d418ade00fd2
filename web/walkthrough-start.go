package web

import (
	"net/url"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// How a lesson page starts, as the playground does (playground-start.go):
// the server draws the lesson the address names (OnPreRender), its text,
// play bar and system at the link's request, so that the browser paints it
// while app.wasm is on its way; the client loads the same lesson before its
// first render (OnInit), so that go-app's replacement of the server's
// markup shows the same picture; the first OnNav then sets the title, the
// address and data-ready, as it does after every lesson link.

// OnInit loads the lesson the address names before the first render.
func (w *Walkthrough) OnInit() {
	if app.IsClient {
		w.open(app.Window().URL().RawQuery)
	}
}

// OnPreRender draws the lesson the request names on the server. A link too
// long to replay per request, or one go-app could not write into data-for,
// is left to the client.
func (w *Walkthrough) OnPreRender(ctx app.Context) {
	q := ctx.Page().URL().RawQuery
	if st, _ := view.ParseLesson(q); st.At <= prerenderMax && plain(q) {
		w.open(q)
		w.drawnFor = "?" + q
	}
}

// open loads the lesson of the address's query, or the list of lessons when
// it names none.
func (w *Walkthrough) open(q string) {
	st, notes := view.ParseLesson(q)
	w.query, w.notices, w.shown = q, notes, false
	if v, _ := url.ParseQuery(q); !v.Has("lesson") {
		w.index, w.st, w.opened = true, st, true
		w.pause()
		w.run, w.views, w.failure = nil, nil, ""
		w.status.say = "Lessons: " + view.Count(int64(len(lesson.All))) + " lessons. Press → for the first."
		return
	}
	w.index = false
	w.load(st)
	Mark("loaded")
}

// OnNav loads the lesson the URL names after a lesson link and on the
// browser's back and forward buttons; on the first load OnInit has loaded
// it. Either way it then names the page, writes the lesson's own address
// and tells that the client has drawn it.
func (w *Walkthrough) OnNav(ctx app.Context) {
	if q := ctx.Page().URL().RawQuery; q != w.query || !w.opened {
		w.open(q)
	} else if w.shown {
		return // the address the page wrote itself, or a jump within it
	}
	w.shown = true
	if w.index {
		ctx.Page().SetTitle("Lessons · cachepit")
	} else {
		ctx.Page().SetTitle(w.st.Lesson().Title + " · cachepit")
		w.syncURL(ctx)
	}
	markReady(ctx)
}

// starting tells whether this is the server's drawing of a lesson, which
// does not respond until the client draws it again.
func (w *Walkthrough) starting() bool { return app.IsServer && w.drawnFor != "" }
