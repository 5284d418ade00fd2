package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/web/view"
)

// minSmallPresenterPx is the smallest text presenter view may draw on a
// 1024×768 projector: projected as wide as a 1920-pixel one, 15 px there
// is 28 px of the 1920 page, comfortably above minPresenterPx.
const minSmallPresenterPx = 15

// TestPresenterSmallScreen: at 1024×768, presenter view draws the lesson's
// system, its play bar and progress in 15 px type or larger; lesson 10's
// worker cards keep their restart buttons inside them; and the playground's
// play bar, three rows of presenter buttons at this width, scrolls with the
// page instead of covering the panel headers.
func TestPresenterSmallScreen(t *testing.T) {
	small := strings.Replace(stageText, `".stage *"`, `".stage *, .lesson-bar *, .legend-bar *"`, 1)
	for _, tc := range []struct {
		slug string
		at   int64
	}{{"the-post", 3}, {"deploy", 12_002}} {
		slug := tc.slug
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d&presenter=1", env.base, slug, tc.at), 1024, 768)
		p.waitFor(fmt.Sprintf(`document.getElementById("run-count").textContent.startsWith(%q)`, "request "+view.Count(tc.at)+" "))
		var got struct {
			Min   float64
			Where string
		}
		p.eval(small, &got)
		if got.Min < minSmallPresenterPx {
			t.Errorf("%s at 1024×768: smallest text %.1f px (%s); want at least %d px", slug, got.Min, got.Where, minSmallPresenterPx)
		}
		var clipped []string
		p.eval(`[...document.querySelectorAll(".stage .card")].filter(c => {
			const b = c.querySelector(".card-head button"); if (!b) return true;
			const r = b.getBoundingClientRect(), k = c.getBoundingClientRect();
			return r.right > k.right - 1 || r.left < k.left || b.scrollWidth > b.clientWidth + 1;
		}).map(c => c.id)`, &clipped)
		if len(clipped) > 0 {
			t.Errorf("%s at 1024×768: the restart button sticks out of cards %v", slug, clipped)
		}
		p.shot("presenter-1024-"+slug, false)
	}

	p := open(t, env.base+"/?mode=shared&compare=true&presenter=1&at=117", 1024, 768)
	var bar struct {
		Position string
		Height   float64
	}
	p.eval(`(() => { const b = document.querySelector(".play-bar"); return {position: getComputedStyle(b).position, height: b.getBoundingClientRect().height}; })()`, &bar)
	if bar.Position == "sticky" && bar.Height > 0.15*768 {
		t.Errorf("playground presenter at 1024×768: a sticky play bar %.0f px tall, over 15%% of the screen", bar.Height)
	}
	var bad []string
	p.eval(headingsClear, &bad)
	for _, b := range bad {
		t.Errorf("playground presenter at 1024×768: %s", b)
	}
	p.shot("presenter-1024-playground", false)
}
