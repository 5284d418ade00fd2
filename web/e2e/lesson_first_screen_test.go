package e2e

import (
	"fmt"
	"testing"

	"github.com/cachepit/cachepit/lesson"
)

// TestSystemNearTheTop: on a 1024×768 screen a lesson's text and play bar
// take a column of their own and the live system stands beside them, its
// first figures on the first screen (below 1200 px the lesson used to stack
// in one column: the system a screen down, the right third of the first
// screen empty). The post's lesson shows its first worker card there too.
func TestSystemNearTheTop(t *testing.T) {
	tallest := 0.0
	for _, l := range lesson.All {
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=0", env.base, l.Slug), 1024, 768)
		var got struct{ System, Figures, Card, TextRight, SystemLeft float64 }
		p.eval(`(() => {
			const box = e => e.getBoundingClientRect();
			const sys = document.querySelector(".stage .system");
			return {system: box(sys).top + scrollY,
				figures: box(sys.querySelector(".kpi")).bottom + scrollY,
				card: box(sys.querySelector(".card")).top + scrollY,
				textRight: box(document.querySelector(".lesson-text")).right,
				systemLeft: box(sys).left};
		})()`, &got)
		if got.SystemLeft < got.TextRight {
			t.Errorf("lesson %s: the system starts %.0f px from the left, under the text (which ends at %.0f px); want it beside the text", l.Slug, got.SystemLeft, got.TextRight)
		}
		if got.Figures > 768 {
			t.Errorf("lesson %s: the system's first figures end %.0f px down; want them on the first 768 px", l.Slug, got.Figures)
		}
		if l.Slug == "the-post" && got.Card > 768-100 {
			t.Errorf("lesson %s: the first worker card starts %.0f px down; want it on the first screen", l.Slug, got.Card)
		}
		tallest = max(tallest, got.System)
		t.Logf("lesson %s: system at %.0f px, first figures end at %.0f px, first card at %.0f px", l.Slug, got.System, got.Figures, got.Card)
	}
	t.Logf("lowest system top: %.0f px", tallest)
}
