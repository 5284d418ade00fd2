package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
)

// TestLessonPausesAtMoments: lesson 10 plays at 10,000 requests a second,
// and its deploys, each one request, flashed by. It pauses at each marked
// moment, the timeline above the system shows which, and the line under
// it and the live region say what just happened; Space goes on to the
// next. Lesson 13's moments are set in simulated time: the run pauses at
// the first request of the outage.
func TestLessonPausesAtMoments(t *testing.T) {
	for _, slug := range []string{"deploy", "stampede", "replicas", "outage"} {
		l := lesson.All[lesson.Index(slug)]
		p := open(t, env.base+"/learn?lesson="+slug, 1024, 768)
		for i, m := range l.Marks {
			p.waitLong(fmt.Sprintf(`document.getElementById("play").getAttribute("aria-label") === "Play" && Number(document.getElementById("sys-0").dataset.seq) >= %d`, m.Seq), 40*time.Second)
			if got := p.seq(); got != m.Seq {
				t.Errorf("%s: paused at request %d; want the moment at %d", slug, got, m.Seq)
			}
			if got := p.text("#moment"); got != m.Text {
				t.Errorf("%s: the moment line says %q; want %q", slug, got, m.Text)
			}
			var now []string
			p.eval(`[...document.querySelectorAll("#moments li[data-state=now]")].map(li => li.textContent)`, &now)
			if len(now) != 1 || !strings.Contains(now[0], view.Count(m.Seq)) {
				t.Errorf("%s: the timeline marks %q as now; want request %s", slug, now, view.Count(m.Seq))
			}
			if got := p.text("#status"); !strings.Contains(got, m.Text) {
				t.Errorf("%s: the live region says %q; want it to say %q", slug, got, m.Text)
			}
			if i == 0 {
				p.shot("lesson-moment-"+slug, false)
			}
			p.key(" ")
		}
		p.waitPlayed(l)
	}
}

// TestSpaceAfterClick: Space plays or pauses, as the key help says, even
// when the last thing clicked with the mouse was a button (it pressed that
// button again); a button reached with Tab still takes its Space.
func TestSpaceAfterClick(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=cold-misses&at=0", 1024, 768)
	p.click("#reveal")
	p.waitFor(`document.getElementById("reveal").getAttribute("aria-expanded") === "true"`)
	p.key(" ")
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Pause"`)
	if got := p.text("#reveal"); got != "Hide the answer" {
		t.Errorf("Space after clicking Reveal pressed it again: it says %q", got)
	}
	p.key(" ")
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Play"`)
	// From the keyboard: Tab onto Reveal, whose focus ring shows; Space presses it.
	p.eval(`document.getElementById("question").setAttribute("tabindex", "-1"); document.getElementById("question").focus(); true`, new(bool))
	p.key("\t")
	var focused string
	p.eval(`document.activeElement.id`, &focused)
	if focused != "reveal" {
		t.Fatalf("Tab from the question went to #%s; want #reveal", focused)
	}
	p.key(" ")
	p.waitFor(`document.getElementById("reveal").getAttribute("aria-expanded") === "false"`)
	if got := p.text("#play"); strings.Contains(got, "Pause") {
		t.Errorf("Space on a button reached with Tab played the lesson too")
	}
}

// TestLessonCardHeads: at 1024 px lesson 10's 16 worker cards hold their
// heads: the ↻ button inside the card, the latest request's mark ("✓ k65")
// on one line.
func TestLessonCardHeads(t *testing.T) {
	for _, w := range []int64{1024, 1440} {
		p := open(t, env.base+"/learn?lesson=deploy&at=12000", w, 768)
		var bad []string
		p.eval(`[...document.querySelectorAll(".stage .card")].flatMap(c => {
			const r = c.getBoundingClientRect(), out = [];
			const b = c.querySelector(".card-head .icon-btn"), l = c.querySelector(".card-head .last");
			if (b && b.getBoundingClientRect().right > r.right - 1) out.push(c.id + ": ↻ ends at " + Math.round(b.getBoundingClientRect().right) + " px, the card at " + Math.round(r.right));
			if (l && l.getClientRects().length > 0 && l.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(l).fontSize)) out.push(c.id + ": " + JSON.stringify(l.textContent) + " wraps");
			return out;
		})`, &bad)
		if len(bad) > 0 {
			t.Errorf("at %d px: %s", w, strings.Join(bad, "; "))
		}
	}
}

// TestLessonIndexAccessible: /learn, the index of lessons, passes axe-core
// and fits a phone's width.
func TestLessonIndexAccessible(t *testing.T) {
	src := axeSource(t)
	p := open(t, env.base+"/learn", 375, 812)
	if got := p.text("#lesson-index"); !strings.Contains(got, lesson.All[0].Teaches) {
		t.Errorf("the index reads %q", got)
	}
	// a teacher short of time finds the post's story marked: the lessons of
	// lesson.Short and no others
	var marked []string
	p.eval(`[...document.querySelectorAll("#lesson-index li")].filter(li => li.querySelector(".short-mark")).map(li => li.querySelector("a").getAttribute("href"))`, &marked)
	var want []string
	for i, l := range lesson.All {
		if lesson.InShort(l.Slug) {
			want = append(want, view.LessonURL("", i))
		}
	}
	if strings.Join(marked, " ") != strings.Join(want, " ") || len(want) != len(lesson.Short) {
		t.Errorf("lessons marked for a short class %q; want %q", marked, want)
	}
	if got := p.text("#short-path"); !strings.Contains(got, "Short of time?") {
		t.Errorf("the index does not say which lessons make a short class: %q", got)
	}
	p.axe(src, "the lesson index")
	p.noSideways("the lesson index", 375)
}
