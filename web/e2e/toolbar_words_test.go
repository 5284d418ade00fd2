package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// TestToolbarSpeedsNamed: the toolbar's numbers each say what they are, in
// words on screen at every width: the playback speed (requests drawn per
// second of your time), the playback measured while playing, and the
// simulated load. A reviewer read "50 req/s" beside "1000 requests/s
// (Poisson)", with the names hidden at 1440 px, as "the system manages 50
// of 1000 a second".
func TestToolbarSpeedsNamed(t *testing.T) {
	for _, w := range []int64{1440, 1280, 1024, 375} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			p := open(t, env.base+"/?arrivals=poisson&rate=1000", w, 800)
			p.waitFor(`/playing [\d,]+ req\/s/.test(document.getElementById("rate").textContent)`)
			var got []struct {
				ID, Text, Title string
				Shown           bool
			}
			p.eval(`["speed-name", "speed-label", "rate", "load-name"].map(id => {
				const e = document.getElementById(id);
				if (!e) return {id, text: "", title: "", shown: false};
				const r = e.getBoundingClientRect(), s = getComputedStyle(e);
				return {id, text: e.textContent.trim(), title: e.title || (e.closest("[title]") || {}).title || "",
					shown: r.width > 20 && r.height > 8 && s.clip === "auto" && s.visibility === "visible" && e.scrollWidth <= e.clientWidth + 1};
			})`, &got)
			want := map[string]string{"speed-name": "Playback", "speed-label": "50 req/s", "rate": "playing", "load-name": "Simulated load"}
			for _, g := range got {
				if !g.Shown {
					t.Errorf("%d px: #%s %q is not shown whole", w, g.ID, g.Text)
				}
				if !strings.Contains(g.Text, want[g.ID]) {
					t.Errorf("%d px: #%s says %q; want %q in it", w, g.ID, g.Text, want[g.ID])
				}
				if g.Title == "" {
					t.Errorf("%d px: #%s has no title that says what it counts", w, g.ID)
				}
			}
			p.shot(fmt.Sprintf("toolbar-speeds-%d", w), false)
		})
	}
}
