package web

import (
	"strconv"
	"strings"

	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

const svgNS = "http://www.w3.org/2000/svg"

// Chart is one SVG line chart; each line is a single polyline, so drawing
// stays cheap at frame rate.
type Chart struct {
	app.Compo
	Data view.ChartData
}

func (c *Chart) Render() app.UI {
	d := c.Data
	top := d.Top()
	unit := view.Unit(d.Unit)
	svg := svgElem
	lines := make([]app.UI, 0, len(d.Lines))
	for _, l := range d.Lines {
		st := lineStyles[strings.Fields(l.Class)[0]]
		dash := st.dash
		if strings.Contains(l.Class, "second") {
			dash = "7 4"
		}
		lines = append(lines, svg("polyline").
			Attr("fill", "none").
			Attr("stroke", st.color).
			Attr("stroke-width", 2).
			Attr("stroke-dasharray", dash).
			Attr("stroke-linejoin", "round").
			Attr("vector-effect", "non-scaling-stroke").
			Attr("points", view.Points(l.Values, top)))
	}
	return el("figure").Class("chart").ID(d.ID).Body(
		el("figcaption").Body(
			el("strong").Text(d.Title),
			el("span").Class("legend").Body(app.Range(d.Lines).Slice(func(i int) app.UI {
				return el("span").Class("key " + d.Lines[i].Class).Text(d.Lines[i].Label)
			})),
		),
		svg("svg").
			Attr("viewBox", viewBox).
			Attr("role", "img").
			Attr("aria-label", d.Title).
			Attr("preserveAspectRatio", "none").
			Body(
				rule(svg, view.ChartH, "#9aa1ab"),
				rule(svg, view.ChartH/2, "#e3e6ea"),
				tick(svg, 10, unit(top)),
				tick(svg, view.ChartH/2-2, unit(top/2)),
				caption(svg, "older ← time → now"),
				svg("g").Body(lines...),
			),
		app.If(d.Note != "", el("p").Class("chart-note").Text(d.Note)),
	)
}

// SVG elements lose a class set through go-app (it sets className), so
// charts use presentation attributes. Colours are Okabe-Ito hues, darkened
// like the text for contrast; dashes tell lines apart without colour.
var lineStyles = map[string]struct{ color, dash string }{
	"c-hit":     {"#0072b2", ""},
	"c-origin":  {"#955b00", ""},
	"c-entries": {"#0072b2", ""},
	"c-dup":     {"#6b4fa0", "2 3"},
	"c-stale":   {"#b34700", ""},
	"c-p50":     {"#00734f", ""},
	"c-p95":     {"#955b00", "2 3"},
	"c-p99":     {"#b34700", "6 2 2 2"},
}

func rule(svg func(string) app.HTMLElem, y float64, color string) app.UI {
	return svg("line").Attr("x1", 0).Attr("y1", y).Attr("x2", view.ChartW).Attr("y2", y).
		Attr("stroke", color).Attr("stroke-width", 1).Attr("vector-effect", "non-scaling-stroke")
}

// gutter is the room left of the plot for the axis labels, so that no line
// runs across them (the handout's did, from its first point at x 0).
const gutter = 40.0

// viewBox is every chart's drawing area: the gutter, the plot, and a line
// under it for the time axis's caption.
var viewBox = ftoa(-gutter) + " 0 " + ftoa(view.ChartW+gutter) + " " + ftoa(view.ChartH+14)

// tick labels the y axis at y, in the gutter, right-aligned against the plot.
func tick(svg func(string) app.HTMLElem, y float64, text string) app.UI {
	return svg("text").Attr("x", -3).Attr("y", y).Attr("text-anchor", "end").Attr("font-size", 9).Attr("fill", "#5a6270").Text(text)
}

// caption names the x axis, under the plot.
func caption(svg func(string) app.HTMLElem, text string) app.UI {
	return svg("text").Attr("x", 2).Attr("y", view.ChartH+12).Attr("font-size", 9).Attr("fill", "#5a6270").Text(text)
}

// svgElem makes an SVG element: the namespace must be set on each one.
func svgElem(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// printDashes tell a printed chart's lines apart in black and white.
var printDashes = []string{"", "6 3", "2 2", "9 3 2 3", "1 3", "12 4"}

// PrintChart draws d for paper, with the page's chart geometry: every line
// black with a dash pattern of its own, the legend drawn with the same
// dashes, and span naming the requests the x axis runs over. The drawing
// keeps its proportions, so its text is not stretched.
func PrintChart(d view.ChartData, span string) app.UI {
	top := d.Top()
	unit := view.Unit(d.Unit)
	svg := svgElem
	dash := func(i int) string { return printDashes[i%len(printDashes)] }
	lines := make([]app.UI, 0, len(d.Lines))
	keys := make([]app.UI, 0, len(d.Lines))
	for i, l := range d.Lines {
		lines = append(lines, svg("polyline").
			Attr("fill", "none").Attr("stroke", "#000").Attr("stroke-width", 1.5).
			Attr("stroke-dasharray", dash(i)).Attr("stroke-linejoin", "round").
			Attr("points", view.Points(l.Values, top)))
		keys = append(keys, el("span").Class("print-key").Body(
			svg("svg").Attr("width", 28).Attr("height", 8).Attr("viewBox", "0 0 28 8").Attr("aria-hidden", "true").Body(
				svg("line").Attr("x1", 0).Attr("y1", 4).Attr("x2", 28).Attr("y2", 4).
					Attr("stroke", "#000").Attr("stroke-width", 1.5).Attr("stroke-dasharray", dash(i)),
			),
			app.Text(" "+l.Label),
		))
	}
	return el("figure").Class("print-chart").ID(d.ID).Body(
		el("figcaption").Body(el("strong").Text(d.Title), app.Text(" "), el("span").Class("legend").Body(keys...)),
		svg("svg").
			Attr("viewBox", viewBox).
			Attr("role", "img").
			Attr("aria-label", d.Title+", "+span).
			Body(
				rule(svg, view.ChartH, "#000"),
				rule(svg, view.ChartH/2, "#bbb"),
				tick(svg, 10, unit(top)),
				tick(svg, view.ChartH/2-2, unit(top/2)),
				caption(svg, span),
				svg("g").Body(lines...),
			),
		app.If(d.Note != "", el("p").Class("chart-note").Text(d.Note)),
	)
}
