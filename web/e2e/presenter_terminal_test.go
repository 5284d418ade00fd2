package e2e

import (
	"fmt"
	"testing"
)

// TestPresenterTerminal: in presenter view the post's terminal (the replay
// of its curl requests) draws in type as large as the rest of presenter
// view: 20 px at 1920×1080, 15 px or more at 1024×768; on the lesson and
// on the playground, and without running out of its panel.
func TestPresenterTerminal(t *testing.T) {
	for _, tc := range []struct {
		path string
		w, h int64
		min  float64
	}{
		{"/learn?lesson=the-post&at=3&presenter=1", 1920, 1080, minPresenterPx},
		{"/?at=3&presenter=1", 1920, 1080, minPresenterPx},
		{"/learn?lesson=the-post&at=3&presenter=1", 1024, 768, minSmallPresenterPx},
		{"/?at=3&presenter=1", 1024, 768, minSmallPresenterPx},
		{"/?at=3&presenter=1", 1280, 800, minPresenterPx},
	} {
		p := open(t, env.base+tc.path, tc.w, tc.h)
		p.waitFor(`document.getElementById("blog-2") !== null`)
		if least, where := p.smallestText("#blog .terminal *"); least < tc.min {
			t.Errorf("%s at %dx%d: the post's terminal draws %.1f px text (%s); want at least %.0f px", tc.path, tc.w, tc.h, least, where, tc.min)
		}
		var out bool
		p.eval(`(() => { const t = document.querySelector("#blog .terminal"), b = document.getElementById("blog").getBoundingClientRect(), r = t.getBoundingClientRect();
			return t.scrollWidth > t.clientWidth + 1 || r.right > b.right + 1 || document.documentElement.scrollWidth > innerWidth; })()`, &out)
		if out {
			t.Errorf("%s at %dx%d: the terminal runs out of its panel or the page scrolls sideways", tc.path, tc.w, tc.h)
		}
		p.eval(`document.getElementById("blog").scrollIntoView(); true`, new(bool))
		p.shot(fmt.Sprintf("presenter-terminal-%d-%d", len(tc.path), tc.w), false)
	}
}
