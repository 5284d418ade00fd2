package e2e

import (
	"testing"
)

// TestPresenterLegend: in presenter view the legend of the systems' marks
// draws in presenter type, on the playground as on a lesson: it drew 13 px
// on the playground, where the rest of presenter view is 20 px.
func TestPresenterLegend(t *testing.T) {
	for _, tc := range []struct {
		path string
		w, h int64
		min  float64
	}{
		{"/?at=3&presenter=1", 1920, 1080, minPresenterPx},
		{"/?at=3&presenter=1&compare=1", 1440, 900, minPresenterPx},
		{"/?at=3&presenter=1", 1024, 768, minSmallPresenterPx},
		{"/learn?lesson=memory&at=3&presenter=1", 1920, 1080, minPresenterPx},
	} {
		p := open(t, env.base+tc.path, tc.w, tc.h)
		if least, where := p.smallestText(".legend-bar *"); least < tc.min {
			t.Errorf("%s at %dx%d: the legend draws %.1f px text (%s); want at least %.0f px", tc.path, tc.w, tc.h, least, where, tc.min)
		}
		var wide bool
		p.eval(`document.documentElement.scrollWidth > innerWidth`, &wide)
		if wide {
			t.Errorf("%s at %dx%d: the page scrolls sideways", tc.path, tc.w, tc.h)
		}
	}
}
