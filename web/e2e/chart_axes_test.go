package e2e

import "testing"

// chartLayout finds, in every chart on the page, an axis label that a line
// runs across (the handout's lines crossed theirs) and a legend key whose
// marker sits on another line than its label.
const chartLayout = `(() => {
	const bad = [];
	for (const f of document.querySelectorAll(".chart, .print-chart")) {
		const plot = f.querySelector("svg[role=img]");
		const lines = [...plot.querySelectorAll("polyline")].filter(l => l.getAttribute("points"));
		const left = Math.min(...lines.map(l => l.getBoundingClientRect().left));
		for (const t of plot.querySelectorAll("text")) {
			const r = t.getBoundingClientRect();
			if (r.bottom < plot.getBoundingClientRect().bottom - 16 && lines.length && r.right > left + 0.5)
				bad.push(f.id + ": label " + t.textContent + " ends at " + Math.round(r.right) + ", the lines start at " + Math.round(left));
		}
		for (const k of f.querySelectorAll(".key, .print-key")) {
			const q = k.getBoundingClientRect(), h = parseFloat(getComputedStyle(k).lineHeight) || 20;
			if (k.getClientRects().length > 1 || q.height > 1.6 * h) bad.push(f.id + ": key " + k.textContent.trim() + " breaks across lines");
		}
	}
	return bad.slice(0, 8);
})()`

// TestChartsLegible: on the playground comparing two systems (1440 and
// 1024 px wide) and in the handout, no line crosses an axis label and no
// legend key breaks between its marker and its label.
func TestChartsLegible(t *testing.T) {
	for _, tc := range []struct {
		path string
		w, h int64
	}{
		{"/?at=3000&compare=1", 1440, 900},
		{"/?at=3000&compare=1", 1024, 768},
		{"/handout", 1280, 900},
	} {
		p := open(t, env.base+tc.path, tc.w, tc.h)
		p.waitFor(`document.querySelector(".chart polyline[points]:not([points='']), .print-chart polyline[points]:not([points=''])") !== null`)
		var bad []string
		p.eval(chartLayout, &bad)
		for _, b := range bad {
			t.Errorf("%s at %dx%d: %s", tc.path, tc.w, tc.h, b)
		}
	}
}
