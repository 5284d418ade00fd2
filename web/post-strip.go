package web

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// postSetupQuery is the address's query for the post's setup: the default
// page with 2 workers, maxsize=2, one key and no writes, paused before its
// first request
// (TestPostSetupQuery checks it against view.PageState.Query). Written
// out, so that the first render does not build it: every function a first
// render calls is compiled then, on the page's main thread.
const postSetupQuery = "cache=2&keys=1&workers=2&writes=0&at=0"

// postStrip is the post's story in one line at the top of the playground,
// with a link down to its replay and one that runs its setup. The page
// itself opens on 4 workers and 1,000 keys (the engine's defaults, which
// every shared link without workers= has meant): the post's setup,
// 2 workers, maxsize=2 and one key, is a three-request story, which the
// replay tells. The setup link opens it paused before its first request:
// the post's symptom (currsize 1 on one worker, 0 on the other) lasts only
// until both workers have fetched the one key, a few requests in.
func postStrip() app.UI {
	return el("p").Class("post-strip").ID("post-strip").Body(
		el("strong").Text("The 2017 post: "),
		app.Text("Flask, "),
		el("code").Text("@lru_cache(maxsize=2)"),
		app.Text(", gunicorn with 2 workers; "),
		el("code").Text("/get_cache_info"),
		app.Text(" answered currsize 1, then 0. "),
		el("a").ID("to-blog").Attr("href", "#blog").Text("Its three requests, replayed ↓"),
		app.Text(" · "),
		el("a").ID("post-setup").Attr("href", rootPrefix()+"/?"+postSetupQuery).
			Title("2 workers, lru_cache(maxsize=2), one key, no writes: the post's app, paused before its first request; "+
				"press Step and watch each worker's cache_info(): they differ until both have fetched the key").
			Text("Step through its setup (2 workers)"),
	)
}
