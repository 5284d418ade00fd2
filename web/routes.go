package web

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Register adds the playground's routes. Call it in the wasm main and in
// the server, so that both know the same pages.
func Register() {
	app.RouteFunc("/", func() app.Composer { return &Playground{} })
}
