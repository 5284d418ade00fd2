package web

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// notices lists what could not be used, under heading, with a button that
// dismisses them; nothing when there are none.
func notices(heading string, list []string) app.UI {
	if len(list) == 0 {
		return nil
	}
	return el("div").Class("notice").ID("notice").Role("alert").Body(
		el("strong").Text(heading),
		el("ul").Body(app.Range(list).Slice(func(i int) app.UI {
			return el("li").Text(list[i])
		})),
		el("button").Class("btn small").Text("Dismiss").OnClick(func(ctx app.Context, e app.Event) {
			ctx.NewAction(ActionDismiss)
		}),
	)
}

// failure is the banner of a run that stopped with a panic, with a button
// that resets it; nothing when the run is fine.
func failure(msg string) app.UI {
	if msg == "" {
		return nil
	}
	return el("div").Class("banner").ID("failure").Role("alert").Body(
		el("strong").Text("The simulation stopped with an error: "),
		el("code").Text(msg),
		el("button").Class("btn primary").ID("failure-reset").Text("Reset").OnClick(func(ctx app.Context, e app.Event) {
			ctx.NewAction(ActionReset)
		}),
	)
}
