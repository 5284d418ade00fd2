package web

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// link is the absolute address of the run as it stands.
func (w *Walkthrough) linkHere() string {
	u := *app.Window().URL()
	st := w.here()
	st.Embed = false
	u.RawQuery = st.Query()
	u.Fragment = ""
	return u.String()
}

func (w *Walkthrough) fileName(ext string) string {
	return fmt.Sprintf("cachepit-%s-%d.%s", w.st.Lesson().Slug, w.here().At, ext)
}

func (w *Walkthrough) downloadJSON() {
	e := Export{Lesson: w.st.Lesson().Slug, Link: w.linkHere(), At: w.here().At, Runs: Reports(w.views)}
	if msg := safely(func() { download(w.fileName("json"), "application/json", ExportJSON(e)) }); msg != "" {
		w.notices = append(w.notices, "download: "+msg)
		return
	}
	w.say = "Downloaded " + w.fileName("json") + "."
}

func (w *Walkthrough) downloadCSV() {
	if msg := safely(func() { download(w.fileName("csv"), "text/csv", ExportCSV(w.views)) }); msg != "" {
		w.notices = append(w.notices, "download: "+msg)
		return
	}
	w.say = "Downloaded " + w.fileName("csv") + "."
}

// copyLink puts the link to this exact state on the clipboard; when the
// browser refuses, the link is shown selected for the user to copy.
func (w *Walkthrough) copyLink(ctx app.Context) {
	w.pause()
	w.syncURL(ctx)
	w.link = w.linkHere()
	w.linkNote = "Copying…"
	link := w.link
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		w.linkRefused(ctx)
		return
	}
	var ok, bad app.Func
	done := func() { ok.Release(); bad.Release() }
	ok = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) {
			if w.link == link {
				w.linkNote = "Link copied. It opens this lesson paused at request " + Count(w.here().At) + "."
				w.say = w.linkNote
			}
		})
		done()
		return nil
	})
	bad = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) {
			if w.link == link {
				w.linkRefused(ctx)
			}
		})
		done()
		return nil
	})
	clip.Call("writeText", link).Call("then", ok, bad)
}

func (w *Walkthrough) linkRefused(ctx app.Context) {
	w.linkNote = "The browser did not allow copying: the link is selected below, copy it with Ctrl+C (⌘C)."
	w.say = w.linkNote
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID("share-link"); el.Truthy() {
			el.Call("focus")
			el.Call("select")
		}
	})
}

// showShortcuts opens the keyboard shortcuts dialog, modal.
func (w *Walkthrough) showShortcuts() {
	if d := app.Window().GetElementByID("shortcuts"); d.Truthy() && !d.Get("open").Bool() {
		d.Call("showModal")
	}
}

func (w *Walkthrough) shortcutsOpen() bool {
	d := app.Window().GetElementByID("shortcuts")
	return d.Truthy() && d.Get("open").Bool()
}
