package web

import (
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Register adds the routes: the playground, the lessons and the handout.
// Call it in the wasm main and in the server, so that both know the same pages.
func Register() {
	app.RouteFunc("/", func() app.Composer { return &Playground{} })
	app.RouteFunc(view.LearnPath, func() app.Composer { return &Walkthrough{} })
	app.RouteFunc(view.HandoutPath, func() app.Composer { return &Handout{} })
}
