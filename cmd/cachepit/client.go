//go:build wasm

// The browser client: the same playground components, without any server code.
package main

import (
	"github.com/cachepit/cachepit/web"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	web.Mark("main")
	web.Register()
	app.RunWhenOnBrowser()
}
