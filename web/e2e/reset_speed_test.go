package e2e

import (
	"testing"
	"time"
)

// Reset on lesson 1 keeps the speed menu where it was: the lesson's own
// 5 req/s while it plays again, or the speed the user picked.
func TestResetKeepsSpeed(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=the-post", 1280, 900)
	speed := func() string {
		var s string
		p.eval(`document.getElementById("lesson-speed").selectedOptions[0].textContent.trim()`, &s)
		return s
	}
	played := `document.getElementById("run-count").textContent.trim() === "request 3 of 3" &&
		document.getElementById("play").getAttribute("aria-label") === "Play"`
	p.waitFor(played)
	if s := speed(); s != "5 req/s" {
		t.Fatalf("lesson 1 played at %q; want 5 req/s", s)
	}
	p.click("#reset")
	for range 8 {
		if s := speed(); s != "5 req/s" {
			t.Fatalf("after Reset the speed menu shows %q; want 5 req/s", s)
		}
		time.Sleep(150 * time.Millisecond)
	}
	p.waitFor(played)
	p.eval(`document.getElementById("lesson-speed").value = "3"; document.getElementById("lesson-speed").dispatchEvent(new Event("change", {bubbles: true})); true`, new(bool))
	p.click("#reset")
	time.Sleep(500 * time.Millisecond)
	if s := speed(); s != "10 req/s" {
		t.Errorf("after picking 10 req/s and Reset the speed menu shows %q", s)
	}
}
