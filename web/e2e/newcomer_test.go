package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestLessonSaysItPlays: a lesson opened without at= plays by itself, and
// says so beside its progress, with the key that pauses it (issue 11, 2).
func TestLessonSaysItPlays(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=cold-misses", 1440, 1000)
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Pause" && document.getElementById("run-hint") !== null`)
	if got := p.text("#run-hint"); !strings.Contains(got, "Space") || !strings.Contains(got, "Pause") {
		t.Errorf("while the lesson plays by itself the page says %q; want how to pause it", got)
	}
	p.key(" ")
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Play" && document.getElementById("run-hint") === null`)
}

// TestAddressFollowsRun: while the playground plays, its address holds a
// request number it has reached, so a copied address reopens the run near
// where it was (issue 11, 14).
func TestAddressFollowsRun(t *testing.T) {
	p := open(t, env.base+"/?workers=3&at=0", 1440, 1000)
	p.eval(`(() => { const s = document.getElementById("speed"); s.value = "7"; s.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, new(bool))
	p.click("#play")
	p.waitFor(`Number(new URLSearchParams(location.search).get("at")) > 0`)
	var got struct {
		Search  string
		Seq     float64
		Playing bool
	}
	p.eval(`({Search: location.search, Seq: Number(document.getElementById("sys-0").dataset.seq),
		Playing: document.getElementById("play").getAttribute("aria-label") === "Pause"})`, &got)
	v, _ := url.ParseQuery(strings.TrimPrefix(got.Search, "?"))
	var at float64
	if _, err := fmt.Sscan(v.Get("at"), &at); err != nil || !got.Playing || at <= 0 || at > got.Seq || v.Get("workers") != "3" {
		t.Errorf("playing at request %.0f, the address is %q; want workers=3 and an at= reached so far", got.Seq, got.Search)
	}
}

// TestPlaygroundPresenterKey: p is the presenter view on the playground
// too, and the measured rate is labelled apart from the speed setting
// (issue 11, 26).
func TestPlaygroundPresenterKey(t *testing.T) {
	p := open(t, env.base+"/?at=100", 1440, 1000)
	p.key("p")
	p.waitFor(`document.querySelector("#playground.presenter") !== null && location.search.includes("presenter=1")`)
	p.key("p")
	p.waitFor(`document.querySelector("#playground.presenter") === null && !location.search.includes("presenter")`)
	p.click("#play")
	p.waitFor(`document.getElementById("rate").textContent.startsWith("measured: ")`)
	if setting, rate := p.text("#speed-label"), p.text("#rate"); setting == rate || !strings.HasSuffix(rate, "req/s") {
		t.Errorf("speed setting %q and measured rate %q: want them told apart", setting, rate)
	}
}
