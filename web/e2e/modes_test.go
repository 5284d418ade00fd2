package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// TestModesNamed: the mode button names the mode in effect (per worker,
// shared, tiered) and steps through all three, and the shared cache's size
// field shows the size in effect, as the system's description does, not 0
// (issue 11, 10).
func TestModesNamed(t *testing.T) {
	p := open(t, env.base+"/?at=100", 1440, 1000)
	want := []struct{ mode, label string }{
		{"local", "per worker"}, {"shared", "shared"}, {"tiered", "tiered"}, {"local", "per worker"},
	}
	for i, w := range want {
		if i > 0 {
			p.click("#flip-shared")
			p.waitFor(`document.querySelector("#sys-0.mode-` + w.mode + `") !== null`)
		}
		if got := p.text("#flip-shared"); !strings.Contains(got, w.label) || strings.Contains(got, ": on") {
			t.Errorf("mode %s: button says %q; want it to name %q", w.mode, got, w.label)
		}
	}
	p = open(t, env.base+"/?mode=tiered&at=100", 1440, 1000)
	size := strconv.Itoa(sim.Default().Workers * sim.Default().Cache)
	var got string
	p.eval(`document.getElementById("f-shared-cache").value`, &got)
	if got != size {
		t.Errorf("shared cache size field %q; want the size in effect, %s", got, size)
	}
	if sub := p.text("#sys-0 .system-sub"); !strings.Contains(sub, view.Count(int64(sim.Default().Workers*sim.Default().Cache))) {
		t.Errorf("tiered system says %q; want the shared size %s", sub, size)
	}
}

// TestLessonCoversTiered: the shared-cache lesson explains tiered mode and
// what it costs (stale reads, duplicates) (issue 11, 10).
func TestLessonCoversTiered(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=shared-cache&at=0", 1440, 1000)
	var prose []string
	p.eval(`[...document.querySelectorAll(".lesson-text .prose")].map(e => e.textContent)`, &prose)
	for _, para := range prose {
		if strings.Contains(para, "tiered") && strings.Contains(para, "stale") && strings.Contains(para, "duplicates") {
			return
		}
	}
	t.Errorf("lesson 5's text %q; want a paragraph on tiered mode with its stale reads and duplicates", prose)
}
