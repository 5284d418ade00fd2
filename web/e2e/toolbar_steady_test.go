package e2e

import (
	"fmt"
	"testing"
)

// The toolbar keeps its layout when the playback rate ("playing 245,310
// req/s") appears, changes or goes: the buttons after it do not jump while a
// page starts playing or pauses (a newcomer saw "Rolling restart" drop to a
// second row and the mode buttons move right as the page began to play).
func TestToolbarSteadyWhenRateShows(t *testing.T) {
	for _, width := range []int64{1440, 1280, 1024} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			p := open(t, env.base+"/?at=0", width, 800)
			p.waitReady()
			const where = `JSON.stringify([...document.querySelectorAll(".transport button, .transport select")].filter(e => e.offsetParent).map(e => { const r = e.getBoundingClientRect(); return [e.id || e.textContent.trim(), Math.round(r.x), Math.round(r.y)] }))`
			var before, playing string
			if p.text("#rate") != "" {
				t.Fatalf("paused at request 0, the rate already reads %q", p.text("#rate"))
			}
			p.eval(`(() => { const s = document.getElementById("speed"); s.value = s.max; s.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, new(bool))
			// the label follows the slider with go-app's next redraw: the
			// snapshot waits for it (on CI it once raced it)
			p.waitFor(`document.getElementById("speed").value === document.getElementById("speed").max && document.getElementById("speed-label").textContent.includes("as fast as it goes")`)
			p.eval(where, &before)
			p.click("#play")
			p.waitFor(`/playing [\d,]+ req\/s/.test(document.getElementById("rate").textContent) && document.getElementById("rate").textContent.length >= 18`)
			p.eval(where, &playing)
			if playing != before {
				t.Errorf("the toolbar moved when the rate appeared:\n paused  %s\n playing %s", before, playing)
			}
			p.check()
		})
	}
}
