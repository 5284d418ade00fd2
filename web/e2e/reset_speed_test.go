package e2e

import (
	"strings"
	"testing"
	"time"
)

// Reset on lesson 1 goes back to request 0, paused, and keeps the speed
// menu where it was: the lesson's own 1 req/s for the post's requests, or
// the speed the user picked.
func TestResetKeepsSpeed(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=the-post", 1280, 900)
	speed := func() string {
		var s string
		p.eval(`document.getElementById("lesson-speed").selectedOptions[0].textContent.trim()`, &s)
		return s
	}
	played := `document.getElementById("run-count").textContent.trim() === "request 3 of 3" &&
		document.getElementById("play").getAttribute("aria-label") === "Play"`
	paused0 := `document.getElementById("run-count").textContent.trim() === "request 0 of 3" &&
		document.getElementById("play").getAttribute("aria-label") === "Play"`
	p.waitFor(played)
	if s := speed(); s != "1 req/s" {
		t.Fatalf("lesson 1 played at %q; want 1 req/s", s)
	}
	p.click("#reset")
	p.waitFor(paused0)
	if s := speed(); s != "1 req/s" {
		t.Errorf("after Reset the speed menu shows %q; want 1 req/s", s)
	}
	if got := p.text("#status"); !strings.Contains(got, "paused") {
		t.Errorf("after Reset the live region says %q; want that it is paused", got)
	}
	p.click("#play")
	for range 4 {
		if s := speed(); s != "1 req/s" {
			t.Fatalf("playing after Reset the speed menu shows %q; want 1 req/s", s)
		}
		time.Sleep(150 * time.Millisecond)
	}
	p.waitFor(played)
	p.eval(`document.getElementById("lesson-speed").value = "3"; document.getElementById("lesson-speed").dispatchEvent(new Event("change", {bubbles: true})); true`, new(bool))
	p.click("#reset")
	p.waitFor(paused0)
	if s := speed(); s != "10 req/s" {
		t.Errorf("after picking 10 req/s and Reset the speed menu shows %q", s)
	}
}
