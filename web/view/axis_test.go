package view

import (
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// The hit ratio's axis stays at 100% whatever the run has reached (it
// rescaled between 50% and 100% as a run played), and one stale read in a
// short window draws at most half the stale chart's height (it drew the
// full height).
func TestChartAxesStable(t *testing.T) {
	var pts []sim.Point
	for i := range 60 {
		p := sim.Point{Seq: int64(20 * (i + 1)), Reads: 20, Hits: 8}
		if i == 30 {
			p.Stale = 1
		}
		pts = append(pts, p)
	}
	views := []System{{Config: sim.Config{Mode: "local"}, Series: pts}}
	for _, d := range Charts(views) {
		top := d.Top()
		switch d.ID {
		case "chart-hit-ratio":
			if top != 1 {
				t.Errorf("hit ratio axis tops at %v with every window at 40%%; want 1 (100%%)", top)
			}
		case "chart-stale":
			most := 0.0
			for _, v := range d.Lines[0].Values {
				most = max(most, v)
			}
			if most == 0 || most/top > 0.5 {
				t.Errorf("one stale read peaks at %v of an axis of %v; want it at most half the height", most, top)
			}
		}
	}
	for _, tc := range []struct {
		vals []float64
		want float64
	}{{[]float64{0.3}, 1}, {[]float64{0.9}, 1}} {
		if got := (ChartData{Unit: "pct", Lines: []Line{{Values: tc.vals}}}).Top(); got != tc.want {
			t.Errorf("pct Top of %v = %v; want %v", tc.vals, got, tc.want)
		}
	}
}
