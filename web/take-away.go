package web

import (
	"fmt"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// share is the link to the lesson's state as it was copied.
type share struct {
	link string // shown selected when the clipboard is refused
	note string // what became of the copy
}

// Actions of the take-away panel.
const (
	ActionDownload = "cachepit/download" // value: 0 JSON, 1 CSV
	ActionCopyLink = "cachepit/copy-link"
)

func (w *Walkthrough) handleTakeAway(ctx app.Context) {
	ctx.Handle(ActionDownload, func(ctx app.Context, a app.Action) {
		name, mime, data := w.fileName("json"), "application/json", func() []byte {
			return view.ExportJSON(view.Export{Lesson: w.st.Lesson().Slug, Link: w.linkHere(), At: w.here().At, Runs: view.Reports(w.views)})
		}
		if a.Value == 1 {
			name, mime, data = w.fileName("csv"), "text/csv", func() []byte { return view.ExportCSV(w.views) }
		}
		if msg := safely(func() { download(name, mime, data()) }); msg != "" {
			w.notices = append(w.notices, "download: "+msg)
			return
		}
		w.status.say = "Downloaded " + name + "."
	})
	ctx.Handle(ActionCopyLink, func(ctx app.Context, a app.Action) { w.copyLink(ctx) })
}

func (w *Walkthrough) renderTakeAway() app.UI {
	post := func(name string, v int) func(app.Context, app.Event) {
		return func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(name, v) }
	}
	return el("section").Class("panel take-away").Aria("labelledby", "take-title").Body(
		app.H2().ID("take-title").Text("Take it with you"),
		el("div").Class("take-buttons").Body(
			el("button").Class("btn").ID("download-json").Text("Download JSON").OnClick(post(ActionDownload, 0)),
			el("button").Class("btn").ID("download-csv").Text("Download CSV").OnClick(post(ActionDownload, 1)),
			el("button").Class("btn").ID("copy-link").Text("Copy link to this state").OnClick(post(ActionCopyLink, 0)),
		),
		app.If(w.share.link != "", el("div").Class("share").Body(
			el("label").Attr("for", "share-link").Text("Link"),
			el("input").ID("share-link").Attr("type", "text").Attr("readonly", true).Attr("value", w.share.link),
			el("p").Class("panel-sub").ID("link-note").Text(w.share.note),
		)),
		el("p").Class("panel-sub").Text("To put this lesson in a course page, embed its link with embed=1: only the live system is shown."),
	)
}

// linkHere is the absolute address of the run as it stands.
func (w *Walkthrough) linkHere() string {
	st := w.here()
	st.Embed = false
	return address(st.Query())
}

func (w *Walkthrough) fileName(ext string) string {
	return fmt.Sprintf("cachepit-%s-%d.%s", w.st.Lesson().Slug, w.here().At, ext)
}

// copyLink puts the link to this exact state on the clipboard; when the
// browser refuses, the link is shown selected for the user to copy.
func (w *Walkthrough) copyLink(ctx app.Context) {
	w.pause()
	w.syncURL(ctx)
	w.share = share{link: w.linkHere(), note: "Copying…"}
	link := w.share.link
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		w.linkRefused(ctx)
		return
	}
	var ok, bad app.Func
	done := func() { ok.Release(); bad.Release() }
	ok = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) {
			if w.share.link == link {
				w.share.note = "Link copied. It opens this lesson paused at request " + view.Count(w.here().At) + "."
				w.status.say = w.share.note
			}
		})
		done()
		return nil
	})
	bad = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) {
			if w.share.link == link {
				w.linkRefused(ctx)
			}
		})
		done()
		return nil
	})
	clip.Call("writeText", link).Call("then", ok, bad)
}

func (w *Walkthrough) linkRefused(ctx app.Context) {
	w.share.note = "The browser did not allow copying: the link is selected below, copy it with Ctrl+C (⌘C)."
	w.status.say = w.share.note
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID("share-link"); el.Truthy() {
			el.Call("focus")
			el.Call("select")
		}
	})
}
