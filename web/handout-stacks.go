package web

import (
	"github.com/cachepit/cachepit/stack"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// handoutStacks is the handout's last section: each framework's usual
// cache, which lives in each process, and the shared caches that fix it,
// as the "In your app" generator names them.
func handoutStacks(playground, origin string) app.UI {
	ds := stack.Defaults()
	return el("section").Class("panel handout-stacks").ID("handout-stacks").Aria("labelledby", "handout-stacks-title").Body(
		app.H2().ID("handout-stacks-title").Text("In your app: the same pitfall under other names"),
		el("p").Class("prose").Text("These caches live inside each worker process, so several workers give the pitfall of the lessons. "+
			"The fix in each is a cache every process shares, with a delete on write."),
		el("ul").Class("stack-defaults").Body(app.Range(ds).Slice(func(i int) app.UI {
			d := ds[i]
			fix := []app.UI{app.Text(". Shared: ")}
			for j, s := range d.Shared {
				if j > 0 {
					fix = append(fix, app.Text(" or "))
				}
				fix = append(fix, el("code").Text(s))
			}
			return el("li").ID("stack-default-" + d.Stack).Body(append([]app.UI{
				el("strong").Text(d.Title + ": "), el("code").Text(d.Local), app.Text(" (" + d.Where + ")"),
			}, append(fix, app.Text("."))...)...)
		})),
		el("p").Class("panel-sub").Body(
			app.Text("The playground's “In your app” panel writes the settings, code and command line for your settings; so does "),
			el("code").Text("cachepit sim --code STACK"),
			app.Text(". "),
			link(playground, "Open the playground", origin),
			app.Text("."),
		),
	)
}
