package web

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func (p *Playground) Render() app.UI {
	if p.run == nil && p.failure == "" {
		return p.frameUI(el("p").Class("loading").Text("Starting the simulator…"))
	}
	mode := p.state.Config.Mode
	body := []app.UI{
		p.renderNotices(),
		p.renderFailure(),
		&Transport{Running: p.running, Speed: p.speed, Rate: p.rate, Compare: p.state.Compare, Mode: mode},
		legend(),
	}
	cls := "systems"
	if len(p.views) > 1 {
		cls += " two"
	}
	body = append(body, el("div").Class(cls).Body(app.Range(p.views).Slice(func(i int) app.UI {
		return &SystemView{View: p.views[i]}
	})))
	if len(p.views) > 1 {
		body = append(body, &ComparePanel{
			Left: p.views[0].Title, Right: p.views[1].Title,
			Findings: Summarize(p.views[0], p.views[1]),
			Headline: p.headline,
		})
	}
	charts := p.charts
	body = append(body,
		el("div").Class("lower").Body(
			el("section").Class("panel charts").Aria("label", "charts").Body(
				app.H2().Text("Over time"),
				el("div").Class("chart-grid").Body(app.Range(charts).Slice(func(i int) app.UI {
					return &Chart{Data: charts[i]}
				})),
			),
			el("div").Class("side").Body(
				app.If(p.theoryOK, &TheoryPanel{Theory: p.theory, Measured: MeasuredOf(p.views)}),
				&BlogReplay{Mode: mode, Steps: p.blog, Err: p.blogErr},
				&Controls{Config: p.state.Config},
			),
		),
	)
	return p.frameUI(body...)
}

func (p *Playground) frameUI(body ...app.UI) app.UI {
	return el("div").Class("page").ID("playground").
		DataSet("updates", strconv.FormatInt(p.updates.Load(), 10)).
		Body(
			el("header").Class("top").Body(
				el("div").Class("brand").Body(
					el("img").Attr("src", "/web/icon.svg").Attr("alt", "").Class("logo"),
					app.H1().Text("cachepit"),
				),
				el("p").Class("tagline").Body(
					app.Text("A pre-fork server (gunicorn style) runs N worker processes. Give each its own "),
					el("code").Text("@lru_cache"),
					app.Text(" and you get N caches: every key misses once per worker, is held N times, and goes stale on the workers that did not see the write. A shared cache (Memcached style) is one cache for all."),
				),
				el("nav").Class("top-links").Aria("label", "pages").Body(
					el("a").ID("to-lessons").Attr("href", LessonURL(rootPrefix(), 0)).Text("Lessons"),
					el("a").Attr("href", rootPrefix()+HandoutPath).Text("Handout"),
				),
			),
			el("main").Body(body...),
			el("footer").Class("foot").Body(
				app.Text("Deterministic: the link holds every setting and the request number, so it reproduces this run exactly. Origin: the 2017 post “Gunicorn & LRU cache pitfall”."),
			),
		)
}

func (p *Playground) renderNotices() app.UI {
	if len(p.notices) == 0 {
		return nil
	}
	return el("div").Class("notice").ID("notice").Role("alert").Body(
		el("strong").Text("Some settings could not be used and kept their default:"),
		el("ul").Body(app.Range(p.notices).Slice(func(i int) app.UI {
			return el("li").Text(p.notices[i])
		})),
		el("button").Class("btn small").Text("Dismiss").OnClick(func(ctx app.Context, e app.Event) {
			ctx.NewAction(ActionDismiss)
		}),
	)
}

func (p *Playground) renderFailure() app.UI {
	if p.failure == "" {
		return nil
	}
	return el("div").Class("banner").ID("failure").Role("alert").Body(
		el("strong").Text("The simulation stopped with an error: "),
		el("code").Text(p.failure),
		el("button").Class("btn primary").ID("failure-reset").Text("Reset").OnClick(func(ctx app.Context, e app.Event) {
			ctx.NewAction(ActionReset)
		}),
	)
}

// legend explains the symbols; colour is never the only cue.
func legend() app.UI {
	item := func(m Mark) app.UI {
		return el("li").Class(m.Class()).Body(el("span").Class("sym").Text(m.Symbol()), app.Text(" "+m.Word()))
	}
	return el("ul").Class("legend-bar").Aria("label", "legend").Body(
		item(LocalHit), item(SharedHit), item(Miss), item(StaleRead), item(WriteOp),
		el("li").Body(el("span").Class("chip dup").Text("17"), app.Text(" key also cached by another worker")),
		el("li").Body(el("span").Class("chip stale").Text("⚠17"), app.Text(" cached value is stale")),
	)
}
