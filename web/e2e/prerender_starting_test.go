package e2e

import (
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// barJS reads a page's play bar: its controls that are disabled and
// enabled, the option each of its menus shows, the words that the simulator is starting where they show
// (on top at their middle: not hidden, nor covered), and where the bar,
// its Play button and its status line lie.
const barJS = `(() => {
	const controls = [...document.querySelectorAll(".play-bar button, .play-bar select, .play-bar input")];
	const words = [...document.querySelectorAll(".play-bar *")].filter(e =>
		[...e.childNodes].some(n => n.nodeType === 3 && n.textContent.includes("Starting the simulator")));
	const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return [r.x + scrollX, r.y + scrollY, r.width, r.height]; };
	const out = {
		disabled: controls.filter(c => c.disabled).map(c => c.id || c.tagName),
		enabled: controls.filter(c => !c.disabled).map(c => c.id || c.tagName),
		words: words.length,
		values: [...document.querySelectorAll(".play-bar select")].map(e => e.id + "=" + e.value).join(" "),
		bar: box(".play-bar"), play: box("#play"), status: document.getElementById("status-line") ? box("#status-line") : [],
	};
	out.seen = words.filter(e => {
		e.scrollIntoView({block: "center"});
		const r = e.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && e.contains(document.elementFromPoint(r.left + Math.min(r.width / 2, 40), r.top + r.height / 2));
	}).length;
	scrollTo(0, 0);
	return out;
})()`

// barShown is what barJS reads.
type barShown struct {
	Disabled, Enabled []string
	Words, Seen       int
	Values            string
	Bar, Play, Status []float64
}

// TestServerDrawingStarting: until app.wasm runs, the server's drawing of
// the playground and of a lesson says that the simulator is starting, where
// the page says how it plays, and its play bar's controls are disabled;
// once the client has drawn the page (data-ready, which only the running
// wasm sets) every control is live and the words are gone, and the bar
// lies where it lay.
func TestServerDrawingStarting(t *testing.T) {
	for _, tt := range []struct {
		name, path, wait string
		width, height    int64
	}{
		{"playground", "/?mode=local&workers=3&at=40", "#sys-0 .card", 1280, 900},
		{"lesson", "/learn?lesson=stale-data&at=3000", "#sys-1 .card", 1440, 1000},
		{"lesson playing from its start, 1024 px", "/learn?lesson=cold-misses", "#sys-1 .card", 1024, 768},
		{"lesson on a phone", "/learn?lesson=the-post&at=2", "#sys-0 .card", 375, 812},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var server barShown
			scriptsOff(t, env.base+tt.path, tt.wait, tt.width, tt.height, []string{"document.fonts.ready.then(() => " + barJS + ")"}, &server)
			if len(server.Enabled) > 0 || len(server.Disabled) < 4 {
				t.Errorf("the server's play bar: disabled %q, enabled %q; want every control disabled", server.Disabled, server.Enabled)
			}
			if server.Words != 1 || server.Seen != 1 {
				t.Errorf("the server's play bar says it is starting in %d places, %d of them visible; want 1, visible", server.Words, server.Seen)
			}

			p := open(t, env.base+tt.path, tt.width, tt.height)
			var client barShown
			if err := chromedp.Run(p.ctx, chromedp.Evaluate("document.fonts.ready.then(() => "+barJS+")", &client, awaited)); err != nil {
				t.Fatal(err)
			}
			for _, id := range client.Disabled {
				if id != "prev" && id != "next" { // the first or last lesson's own
					t.Errorf("the client's play bar has %s disabled", id)
				}
			}
			if client.Values != server.Values {
				t.Errorf("the play bar's menus show %q in the client's drawing, %q in the server's", client.Values, server.Values)
			}
			if client.Words != 0 {
				t.Errorf("the client's play bar still says the simulator is starting (%d places)", client.Words)
			}
			boxes := []struct {
				what           string
				server, client []float64
			}{{"Play button", server.Play, client.Play}, {"play bar", server.Bar, client.Bar}, {"status line", server.Status, client.Status}}
			if !strings.Contains(tt.path, "at=") {
				boxes = boxes[:1] // playing, the bar's line below the buttons follows the run
			}
			for _, b := range boxes {
				if !near(b.server, b.client) {
					t.Errorf("the %s moved when the client drew the page: server x,y,w,h %v, client %v", b.what, b.server, b.client)
				}
			}
		})
	}
}

// near tells whether two boxes lie within half a pixel of each other.
func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 0.5 {
			return false
		}
	}
	return true
}
