package web

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ComparePanel sums up two systems that served the identical request stream.
type ComparePanel struct {
	app.Compo
	Left, Right string // system titles
	Findings    []Finding
	Headline    string
}

func (c *ComparePanel) Render() app.UI {
	return app.Section().Class("panel compare").ID("compare-panel").Aria("label", "comparison").Body(
		app.H2().Text("Same requests, two designs"),
		app.If(c.Headline != "", app.P().Class("headline").ID("compare-headline").Text(c.Headline)),
		app.Table().Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Text(""),
				app.Th().Scope("col").Text(c.Left),
				app.Th().Scope("col").Text(c.Right),
				app.Th().Scope("col").Text("in words"),
			)),
			app.TBody().Body(app.Range(c.Findings).Slice(func(i int) app.UI {
				f := c.Findings[i]
				return app.Tr().ID(fmt.Sprintf("cmp-%d", i)).Body(
					app.Th().Scope("row").Text(f.Label),
					app.Td().Class(winner(f.Better == 0)).Text(f.Left),
					app.Td().Class(winner(f.Better == 1)).Text(f.Right),
					app.Td().Class("remark").Text(f.Remark),
				)
			})),
		),
	)
}

func winner(b bool) string {
	if b {
		return "num better"
	}
	return "num"
}
