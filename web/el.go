package web

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// el makes an element of any tag. go-app's typed constructors each pull a
// large method set into app.wasm; one generic element type keeps it small.
func el(tag string) app.HTMLElem { return app.Elem(tag) }

// option is an option of a select, selected when on. go-app's server
// writes a false boolean as selected="false", which HTML reads as selected:
// every option of its drawing was, and the last one showed.
func option(value string, on bool) app.HTMLElem {
	o := el("option").Attr("value", value)
	if on {
		o = o.Attr("selected", true)
	}
	return o
}
