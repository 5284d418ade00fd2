package web

import (
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// postLessonQuery is the address's query for lesson 1, the post's three
// requests on the workers the post names, paused before the first
// (TestPostStripLinks checks it against view.LessonState.Query). Written
// out, so that the first render does not build it: every function a first
// render calls is compiled then, on the page's main thread.
const postLessonQuery = "lesson=the-post&at=0"

// postStrip is the post's story in one line at the top of the playground,
// with a link down to its replay and one to lesson 1, which plays the same
// three requests one Step at a time. The page itself opens on 4 workers
// and 1,000 keys (the engine's defaults, which every shared link without
// workers= has meant). A playground run of the post's setup would not do:
// its requests are item requests on whichever worker accepts first, not
// the post's GET / and two /get_cache_info on workers 0, 0 and 1.
// The link to the replay is "#blog": the browser resolves it against the
// address as it stands, which holds at= because the address follows the
// run while it plays; go-app pushes that address with #blog, and OnNav
// keeps the run.
func postStrip() app.UI {
	return el("p").Class("post-strip").ID("post-strip").Body(
		el("strong").Text("The 2017 post: "),
		app.Text("Flask, "),
		el("code").Text("@lru_cache(maxsize=2)"),
		app.Text(", gunicorn with 2 workers; "),
		el("code").Text("/get_cache_info"),
		app.Text(" answered currsize 1, then 0. Its three requests: "),
		el("a").ID("to-blog").Attr("href", "#blog").
			Title("scroll down to the terminal panel that replays GET /, then /get_cache_info on worker 0 and on worker 1").
			Text("replayed in the panel below ↓"),
		app.Text(" · "),
		el("a").ID("post-setup").Attr("href", rootPrefix()+view.LearnPath+"?"+postLessonQuery).
			Title("lesson 1: the post's app with 2 workers, paused before its first request; "+
				"Step sends GET / and /get_cache_info to worker 0, then /get_cache_info to worker 1, as in the post").
			Text("step by step in lesson 1"),
	)
}
