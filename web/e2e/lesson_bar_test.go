package e2e

import (
	"fmt"
	"testing"

	"github.com/cachepit/cachepit/lesson"
)

// maxLessonBarPx is the most a lesson's sticky play bar may take of a
// 768 px tall screen at laptop widths: under a third (256 px) with room,
// where it took up to 361 px (its controls in four rows).
const maxLessonBarPx = 240

// lessonBar measures the lesson bar: its height, the smallest control's
// height, and anything in it that runs out of its column or clips its text.
const lessonBar = `(() => {
	const b = document.querySelector(".lesson-bar"), r = b.getBoundingClientRect(), bad = [];
	let low = 1e9;
	for (const e of b.querySelectorAll("button, select")) {
		const q = e.getBoundingClientRect();
		low = Math.min(low, q.height);
		if (e.scrollWidth > e.clientWidth + 1) bad.push(e.id + " clips its text");
	}
	for (const e of b.querySelectorAll("*")) {
		if (e.getClientRects().length === 0 || e.closest(".sr-only")) continue;
		const q = e.getBoundingClientRect();
		if (q.left < r.left - 1 || q.right > r.right + 1) bad.push((e.id || e.className || e.tagName) + " runs out of the bar");
	}
	return {height: r.height, low, bad: bad.slice(0, 5)};
})()`

// TestLessonBarCompact: at 1280×768 (and, for two lessons, 1200 and 1440 px wide) the lesson
// bar of every lesson, paused at its start, at its end and playing by
// itself, stays under maxLessonBarPx, with controls 30 px tall or more
// and nothing clipped or out of its column.
func TestLessonBarCompact(t *testing.T) {
	tallest := 0.0
	for _, l := range lesson.All {
		type view struct {
			w  int64
			at string
		}
		cases := []view{{1280, "&at=0"}, {1280, fmt.Sprintf("&at=%d", l.End())}, {1280, ""}}
		if l.Slug == "cold-misses" || l.Slug == "deploy" { // a four-line status; the speed note and the clock
			cases = append(cases, view{1200, ""}, view{1440, ""})
		}
		for _, tc := range cases {
			p := open(t, fmt.Sprintf("%s/learn?lesson=%s%s", env.base, l.Slug, tc.at), tc.w, 768)
			where := fmt.Sprintf("lesson %s%s at %dx768", l.Slug, tc.at, tc.w)
			tallest = max(tallest, p.checkLessonBar(t, where, "the lesson bar", maxLessonBarPx, 30))
			if l.Slug == "deploy" && tc.w == 1280 {
				p.eval(`window.scrollTo(0, document.querySelector(".lesson-bar").getBoundingClientRect().top + scrollY - 60); true`, new(bool))
				p.shot("lesson-bar-deploy"+tc.at, false)
			}
		}
	}
	t.Logf("tallest lesson bar: %.0f px", tallest)
}

// maxPresenterBarPx is the most presenter view's lesson bar may take beside
// the system (from 1200 px wide): it measured 387 to 452 px, its controls in
// three rows under 20 px type and the speed's note below them.
const maxPresenterBarPx = 300

// TestPresenterBarCompact: in presenter view at projector and laptop sizes
// the lesson bar of the lessons with the longest status lines, paused at
// the start, at the end and playing, stays under maxPresenterBarPx, with
// controls 40 px tall or more and nothing clipped or out of its column.
func TestPresenterBarCompact(t *testing.T) {
	tallest := 0.0
	for _, slug := range []string{"the-post", "cold-misses", "deploy", "outage"} {
		l := lesson.All[lesson.Index(slug)]
		for _, size := range [][2]int64{{1920, 1080}, {1440, 900}, {1280, 800}} {
			for _, at := range []string{"&at=0", fmt.Sprintf("&at=%d", l.End()), ""} {
				p := open(t, fmt.Sprintf("%s/learn?lesson=%s%s&presenter=1", env.base, slug, at), size[0], size[1])
				where := fmt.Sprintf("lesson %s%s at %dx%d", slug, at, size[0], size[1])
				tallest = max(tallest, p.checkLessonBar(t, where, "the presenter lesson bar", maxPresenterBarPx, 40))
			}
		}
	}
	t.Logf("tallest presenter lesson bar: %.0f px", tallest)
}

// checkLessonBar measures the lesson bar on p (lessonBar) and reports, as
// name at where, a bar taller than most px, a control lower than low px, or
// anything clipped or out of its column; it returns the bar's height.
func (p *page) checkLessonBar(t *testing.T, where, name string, most int, low float64) float64 {
	t.Helper()
	var got struct {
		Height, Low float64
		Bad         []string
	}
	p.eval(lessonBar, &got)
	if got.Height > float64(most) {
		t.Errorf("%s: %s is %.0f px tall; want at most %d", where, name, got.Height, most)
	}
	if got.Low < low {
		t.Errorf("%s: a control in the bar is %.0f px tall; want %.0f or more", where, got.Low, low)
	}
	for _, b := range got.Bad {
		t.Errorf("%s: %s", where, b)
	}
	return got.Height
}
