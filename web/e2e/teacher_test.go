package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
)

// TestTeacherPace: lesson 1 plays the post's three requests one a second,
// slowly enough to say where each went; at its end Play plays it again
// from the start, as a video player does; Reset goes back to request 0,
// paused, and says so beside the progress.
func TestTeacherPace(t *testing.T) {
	l := lesson.All[lesson.Index("the-post")]
	p := open(t, env.base+"/learn?lesson=the-post", 1280, 900)
	p.waitFor(`document.getElementById("run-count").textContent.trim() === "request 1 of 3"`)
	start := time.Now()
	p.waitPlayed(l)
	if took := time.Since(start); took < 1500*time.Millisecond {
		t.Errorf("requests 1 to 3 of the post played in %v; want about 2 s, one a second", took)
	}
	if got := p.text("#run-hint"); !strings.Contains(got, "▶ Play replays it") {
		t.Errorf("at the end the progress says %q; want what Play does there", got)
	}

	p.click("#play")
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Pause" &&
		document.getElementById("run-count").textContent.trim() !== "request 3 of 3"`)
	if got := p.text("#status"); !strings.Contains(got, "again from its first request") {
		t.Errorf("Play at the end: the live region says %q", got)
	}
	p.waitPlayed(l)

	p.click("#reset")
	p.waitFor(`document.getElementById("run-count").textContent.trim() === "request 0 of 3" &&
		document.getElementById("play").getAttribute("aria-label") === "Play"`)
	time.Sleep(1500 * time.Millisecond)
	if got := p.text("#run-count"); got != "request 0 of 3" {
		t.Errorf("after Reset the lesson played on by itself: %q", got)
	}
	if got := p.text("#run-hint"); !strings.Contains(got, "paused at the start") {
		t.Errorf("after Reset the progress says %q; want that it waits at the start", got)
	}
	var search string
	p.eval(`location.search`, &search)
	if !strings.Contains(search, "at=0") {
		t.Errorf("after Reset the address is %q; want at=0, the paused start", search)
	}
	if got := p.attr("#reset", "title"); !strings.Contains(got, "paused") {
		t.Errorf("Reset's title %q does not say it pauses", got)
	}
}

// TestLessonSpeedNote: lesson 2 speeds itself up from 5 to 100 req/s as it
// plays, and says so beside its speed menu; picking a speed removes the note.
func TestLessonSpeedNote(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=cold-misses", 1280, 900)
	p.waitFor(`document.getElementById("lesson-speed-note") !== null`)
	got := p.text("#lesson-speed-note")
	for _, want := range []string{"Paced by the lesson: 5 req/s, then", "100 req/s from request 7"} {
		if !strings.Contains(got, want) {
			t.Errorf("the speed note says %q; want %q", got, want)
		}
	}
	if d := p.attr("#lesson-speed", "aria-describedby"); d != "lesson-speed-note" {
		t.Errorf("the speed menu is described by %q; want the note", d)
	}
	p.eval(`document.getElementById("lesson-speed").value = "3"; document.getElementById("lesson-speed").dispatchEvent(new Event("change", {bubbles: true})); true`, new(bool))
	p.waitFor(`document.getElementById("lesson-speed-note") === null`)
}
