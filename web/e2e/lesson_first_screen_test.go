package e2e

import (
	"fmt"
	"testing"

	"github.com/cachepit/cachepit/lesson"
)

// TestSystemNearTheTop: on a 1024×768 screen, where the lesson stacks in
// one column, every lesson draws its live system right after the play bar,
// before what to notice and the post's replay, within two screens; the
// post's lesson shows the system's heading on the first screen, its
// figures a short scroll below (it sat 1,180 px down, below the notes).
func TestSystemNearTheTop(t *testing.T) {
	tallest := 0.0
	for _, l := range lesson.All {
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=0", env.base, l.Slug), 1024, 768)
		var got struct{ System, Figures, Bar, What float64 }
		p.eval(`(() => {
			const top = e => e.getBoundingClientRect().top + scrollY;
			return {system: top(document.querySelector(".stage .system")),
				figures: document.querySelector(".stage .system .kpi").getBoundingClientRect().bottom + scrollY,
				bar: document.querySelector(".lesson-bar").getBoundingClientRect().bottom + scrollY,
				what: top(document.getElementById("what"))};
		})()`, &got)
		if got.System < got.Bar || got.System > got.What {
			t.Errorf("lesson %s: the system starts at %.0f px; want it between the play bar (ends %.0f) and what to notice (%.0f)", l.Slug, got.System, got.Bar, got.What)
		}
		if got.System > 2*768 {
			t.Errorf("lesson %s: the system starts at %.0f px; want it within two screens", l.Slug, got.System)
		}
		if l.Slug == "the-post" && got.System > 768-60 {
			t.Errorf("lesson %s: the system starts at %.0f px; want its heading on the first 768 px", l.Slug, got.System)
		}
		tallest = max(tallest, got.System)
		t.Logf("lesson %s: system at %.0f px, first figures end at %.0f px", l.Slug, got.System, got.Figures)
	}
	t.Logf("lowest system top: %.0f px", tallest)
}
