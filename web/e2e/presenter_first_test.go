package e2e

import (
	"fmt"
	"testing"

	"github.com/cachepit/cachepit/lesson"
)

// TestPresenterSystemFirst: in presenter view on a 1024×768 projector each
// lesson opens on its title, its play bar and its live system: the system's
// first figures are on the first screen (the lesson's paragraphs filled it,
// and the system began a screen down), and the paragraphs follow the system.
func TestPresenterSystemFirst(t *testing.T) {
	for _, l := range lesson.All {
		if l.Requests == 0 {
			continue
		}
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=0&presenter=1", env.base, l.Slug), 1024, 768)
		var got struct{ Title, Figures, Prose, System float64 }
		p.eval(`(() => {
			const top = e => e.getBoundingClientRect().top + scrollY;
			const sys = document.querySelector(".stage .system");
			return {title: document.getElementById("lesson-title").getBoundingClientRect().bottom + scrollY,
				figures: sys.querySelector(".kpi").getBoundingClientRect().bottom + scrollY,
				prose: top(document.querySelector(".lesson-prose")), system: top(sys)};
		})()`, &got)
		if got.Title > 768 || got.Figures > 768 {
			t.Errorf("lesson %s in presenter view at 1024×768: title ends %.0f px down, the system's first figures %.0f px; want both on the first screen", l.Slug, got.Title, got.Figures)
		}
		if got.Prose < got.System {
			t.Errorf("lesson %s in presenter view at 1024×768: the paragraphs start at %.0f px, above the system at %.0f px", l.Slug, got.Prose, got.System)
		}
	}
}
