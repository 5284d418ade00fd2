package web

import (
	"fmt"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ComparePanel sums up two systems that served the identical request stream.
type ComparePanel struct {
	app.Compo
	Left, Right string // system titles
	Findings    []view.Finding
	Headline    string
}

func (c *ComparePanel) Render() app.UI {
	return el("section").Class("panel compare").ID("compare-panel").Aria("label", "comparison").Body(
		app.H2().Text("Same requests, two designs"),
		app.If(c.Headline != "", el("p").Class("headline").ID("compare-headline").Text(c.Headline)),
		el("table").Body(
			el("thead").Body(el("tr").Body(
				el("th").Text(""),
				el("th").Attr("scope", "col").Text(c.Left),
				el("th").Attr("scope", "col").Text(c.Right),
				el("th").Attr("scope", "col").Class("remark").Text("in words"),
			)),
			el("tbody").Body(app.Range(c.Findings).Slice(func(i int) app.UI {
				f := c.Findings[i]
				return el("tr").ID(fmt.Sprintf("cmp-%d", i)).Body(
					el("th").Attr("scope", "row").Text(f.Label),
					el("td").Class(winner(f.Better == 0)).Text(f.Left),
					el("td").Class(winner(f.Better == 1)).Text(f.Right),
					el("td").Class("remark").Text(f.Remark),
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
