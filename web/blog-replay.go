package web

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// BlogReplay is a terminal replaying the post's three requests: with one
// lru_cache per worker the two /get_cache_info answers disagree.
type BlogReplay struct {
	app.Compo
	Mode  string
	Steps []sim.BlogStep
	Err   string
}

func (c *BlogReplay) Render() app.UI {
	lines := []app.UI{
		el("span").Class("comment").Text(fmt.Sprintf("# gunicorn --workers 2 app:app   # @lru_cache(maxsize=2), %s", modeWords(c.Mode))),
	}
	for i, s := range c.Steps {
		lines = append(lines,
			el("span").Class("prompt").Text(fmt.Sprintf("$ curl localhost:8000%s", path(s.Request))),
			el("span").Class("answer").ID(fmt.Sprintf("blog-%d", i)).
				DataSet("worker", s.Worker).
				Text(s.Answer),
			el("span").Class("who").Text(fmt.Sprintf("  ↳ answered by worker %d", s.Worker)),
		)
	}
	if c.Err != "" {
		lines = append(lines, el("span").Class("error").Text(c.Err))
	}
	verdict, cls := blogVerdict(c.Steps)
	return el("section").Class("panel blog").ID("blog").Aria("label", "the post's replay").Body(
		app.H2().Text("The post's three requests"),
		el("p").Class("panel-sub").Text("“Gunicorn & LRU cache pitfall” (2017): a Flask app with @lru_cache(maxsize=2) under gunicorn with 2 workers."),
		el("pre").Class("terminal").Body(lines...),
		el("p").Class("verdict "+cls).ID("blog-verdict").Text(verdict),
	)
}

func path(req string) string {
	if len(req) > 4 && req[:4] == "GET " {
		return req[4:]
	}
	return req
}

func modeWords(mode string) string {
	switch mode {
	case "shared":
		return "one shared cache"
	case "tiered":
		return "per-worker cache in front of a shared one"
	}
	return "one cache per worker"
}

// blogVerdict compares the two /get_cache_info answers.
func blogVerdict(steps []sim.BlogStep) (string, string) {
	if len(steps) < 3 {
		return "", ""
	}
	a, b := steps[1], steps[2]
	if a.Answer == b.Answer {
		return fmt.Sprintf("✓ Workers %d and %d give the same answer: there is one cache.", a.Worker, b.Worker), "agree"
	}
	return fmt.Sprintf("✗ Same question, two answers: worker %d and worker %d each have their own cache.", a.Worker, b.Worker), "disagree"
}
