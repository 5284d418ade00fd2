package e2e

import (
	"fmt"
	"testing"

	"github.com/cachepit/cachepit/lesson"
)

// TestPresenterSystemFirst: in presenter view on a 1024×768 projector each
// lesson opens on its title, its play bar and its live system: the system's
// first figure is on the first screen, or its heading where the timeline
// of the lesson's moments stands above it (the lesson's paragraphs filled
// the screen, and the system began a screen down), and the paragraphs
// follow the system.
func TestPresenterSystemFirst(t *testing.T) {
	for _, l := range lesson.All {
		if l.Requests == 0 {
			continue
		}
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=0&presenter=1", env.base, l.Slug), 1024, 768)
		var got struct{ Title, Heading, Figures, Prose, System float64 }
		p.eval(`(() => {
			const top = e => e.getBoundingClientRect().top + scrollY;
			const bottom = e => e.getBoundingClientRect().bottom + scrollY;
			const sys = document.querySelector(".stage .system");
			return {title: bottom(document.getElementById("lesson-title")), heading: bottom(sys.querySelector("h2")),
				figures: bottom(sys.querySelector(".kpi-value")), prose: top(document.querySelector(".lesson-prose")), system: top(sys)};
		})()`, &got)
		// a lesson that pauses at its moments shows their timeline above
		// the system: there the system's heading is on the first screen,
		// its figures just below
		what, end := "first figure", got.Figures
		if len(l.Marks) > 0 {
			what, end = "heading", got.Heading
		}
		if got.Title > 768 || end > 768 {
			t.Errorf("lesson %s in presenter view at 1024×768: title ends %.0f px down, the system's %s %.0f px; want both on the first screen", l.Slug, got.Title, what, end)
		}
		if got.Prose < got.System {
			t.Errorf("lesson %s in presenter view at 1024×768: the paragraphs start at %.0f px, above the system at %.0f px", l.Slug, got.Prose, got.System)
		}
	}
}
