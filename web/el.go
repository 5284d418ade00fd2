package web

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// el makes an element of any tag. go-app's typed constructors each pull a
// large method set into app.wasm; one generic element type keeps it small.
func el(tag string) app.HTMLElem { return app.Elem(tag) }
