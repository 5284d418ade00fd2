package web

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// el makes an element of any tag. go-app's typed constructors each pull a
// large method set into app.wasm; one generic element type keeps it small.
func el(tag string) app.HTMLElem { return app.Elem(tag) }

// boolAttr sets a boolean attribute such as checked or hidden (a select's
// options use option). On
// the client go-app sets the element's property, true or false, so it is
// always given; on the server go-app writes a false one as name="false",
// which HTML reads as set, so there it is left out.
func boolAttr(e app.HTMLElem, name string, v bool) app.HTMLElem {
	if v || app.IsClient {
		return e.Attr(name, v)
	}
	return e
}

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
