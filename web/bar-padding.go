package web

import (
	"fmt"
	"math"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// followBar keeps the page's scroll padding at the height of the sticky
// play bar that sel names, so that a heading brought into view (a link, the
// keyboard, find in page) lands below the bar however many rows it wraps
// to: presenter view's bar is three rows (168 px) from 1000 to about 1300 px
// wide, two (122 px) at 1440, and more while a note shows. Where the bar
// scrolls with the page (a short screen, a phone) the stylesheet's padding
// stands. It returns a function that stops following.
func followBar(sel string) (release func()) {
	if !app.IsClient {
		return func() {}
	}
	win := app.Window()
	doc := win.Get("document")
	style := doc.Get("documentElement").Get("style")
	observed := app.Null()
	var watch app.Value
	fit := func() {
		bar := doc.Call("querySelector", sel)
		if !bar.Truthy() {
			style.Call("removeProperty", "scroll-padding-top")
			return
		}
		if !bar.Equal(observed) { // go-app drew a new bar
			if observed.Truthy() {
				watch.Call("unobserve", observed)
			}
			watch.Call("observe", bar)
			observed = bar
		}
		if win.Call("getComputedStyle", bar).Get("position").String() != "sticky" {
			style.Call("removeProperty", "scroll-padding-top")
			return
		}
		h := bar.Call("getBoundingClientRect").Get("height").Float()
		style.Call("setProperty", "scroll-padding-top", fmt.Sprintf("%dpx", int(math.Ceil(h))+12))
	}
	cb := app.FuncOf(func(app.Value, []app.Value) any { fit(); return nil })
	watch = win.Get("ResizeObserver").New(cb)
	win.Call("addEventListener", "resize", cb) // the bar can turn sticky or static at the same size
	fit()
	return func() {
		watch.Call("disconnect")
		win.Call("removeEventListener", "resize", cb)
		cb.Release()
		style.Call("removeProperty", "scroll-padding-top")
	}
}
