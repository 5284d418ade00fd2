package web

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// BlogReplay is a terminal replaying the post's three requests: with one
// lru_cache per worker the two /get_cache_info answers disagree. With
// several hosts it replays them on the first host, as the post ran one.
type BlogReplay struct {
	app.Compo
	Mode  string
	Hosts int // hosts on the page; 0 or 1: one
	Steps []sim.BlogStep
	Err   string
}

func (c *BlogReplay) Render() app.UI {
	run := "# gunicorn --workers 2 app:app"
	sub := "“Gunicorn & LRU cache pitfall” (2017): a Flask app with @lru_cache(maxsize=2) under gunicorn with 2 workers."
	if c.Hosts > 1 {
		run = fmt.Sprintf("# host 0 of %d: gunicorn --workers 2 app:app", c.Hosts)
		sub += fmt.Sprintf(" The post ran one machine: here its requests reach host 0 of the %d, and the other hosts are not asked.", c.Hosts)
	}
	lines := []app.UI{
		el("span").Class("comment").Text(fmt.Sprintf("%s   # @lru_cache(maxsize=2), %s", run, modeWords(c.Mode))),
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
	if cls == "agree" && (c.Mode == "host" || c.Mode == "tiered-host") {
		verdict = hostVerdict(c.Steps, c.Hosts)
	}
	return el("section").Class("panel blog").ID("blog").Aria("label", "the post's replay").Body(
		app.H2().Text("The post's three requests"),
		el("p").Class("panel-sub").Text(sub),
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
	case "host":
		return "one cache per host, shared by its workers"
	case "tiered-host":
		return "per-worker cache in front of one per host"
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

// hostVerdict is the verdict when two workers of one host agree because
// they share its cache: the other hosts have caches of their own.
func hostVerdict(steps []sim.BlogStep, hosts int) string {
	a, b := steps[1], steps[2]
	s := fmt.Sprintf("✓ Workers %d and %d give the same answer: they share their host's cache.", a.Worker, b.Worker)
	if hosts > 1 {
		s += fmt.Sprintf(" Each of the other %d hosts has its own, which these requests never reached.", hosts-1)
	}
	return s
}
