package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
)

// cutJS lists what on the playground or a lesson does not fit a narrow screen: the
// page scrolling sideways, and any element that runs off the screen or past
// the edge of a box that clips it (a panel's paint containment hid a
// clipped compare table and stack picker from the page's scroll width).
// Inside a box that scrolls sideways (a code snippet, a wide table) anything
// goes: that box is checked itself.
const cutJS = `(() => {
	const W = document.documentElement.clientWidth, bad = [];
	if (document.documentElement.scrollWidth > W + 1) bad.push("the page is " + document.documentElement.scrollWidth + " px wide in " + W);
	const name = e => (e.id ? "#" + e.id : e.tagName.toLowerCase() + (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "")) +
		" " + JSON.stringify((e.textContent || "").trim().slice(0, 30));
	const clips = s => s.overflowX !== "visible" || /paint|strict|content/.test(s.contain);
	for (const e of document.querySelectorAll("#playground *, #walkthrough *")) {
		const r = e.getBoundingClientRect();
		if (r.width <= 1 || r.height <= 1 || (e.closest("svg") && e.tagName !== "svg")) continue; // text for screen readers; an SVG's own drawing
		let cut = "", inScroller = false;
		for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
			const s = getComputedStyle(a);
			if (/auto|scroll/.test(s.overflowX)) { inScroller = true; break; }
			if (!clips(s)) continue;
			const b = a.getBoundingClientRect(), left = b.left + a.clientLeft, right = left + a.clientWidth;
			if (r.left < left - 1 || r.right > right + 1) { cut = "cut off by " + name(a).slice(0, 48); break; }
		}
		if (!cut && !inScroller && (r.left < -1 || r.right > W + 1)) cut = "off the screen (" + Math.round(r.left) + " to " + Math.round(r.right) + " px)";
		if (cut) bad.push(name(e) + " " + cut);
	}
	return bad.slice(0, 12);
})()`

// wordPerLineJS lists the cells of the theory panel's tables with four
// words or more that average fewer than two words a line: a column so
// narrow that it reads a word per line.
const wordPerLineJS = `(() => {
	const bad = [];
	for (const c of document.querySelectorAll("#theory th, #theory td")) {
		const text = c.textContent.trim().replace(/\s+/g, " "), words = text.split(" ").length;
		if (words < 4) continue;
		const tops = [], walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const r = document.createRange(); r.selectNodeContents(n);
			for (const b of r.getClientRects()) if (b.width > 0) tops.push(b.top);
		}
		tops.sort((a, b) => a - b);
		const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1] > 4).length;
		if (words / lines < 2) bad.push(JSON.stringify(text) + ": " + words + " words on " + lines + " lines");
	}
	return bad;
})()`

// TestPhoneFits: at a phone's 375 px nothing on the playground is wider
// than the screen or cut off by its box (the stack picker ran past its
// panel, the compare table was clipped, the charts and the cards' restart
// buttons were cut), and the theory table does not read a word per line.
func TestPhoneFits(t *testing.T) {
	for _, q := range []string{
		"at=300",
		"compare=true&at=300",
		"compare=true&mode=shared&at=300",
		"arrivals=poisson&rate=1000&at=300",
		"hosts=3&workers=2&mode=tiered-host&at=300",
	} {
		t.Run(q, func(t *testing.T) {
			p := open(t, env.base+"/?"+q, 375, 800)
			var cut, words []string
			p.eval(cutJS, &cut)
			p.eval(wordPerLineJS, &words)
			for _, c := range cut {
				t.Errorf("%s at 375 px: %s", q, c)
			}
			for _, w := range words {
				t.Errorf("%s at 375 px, theory table: %s", q, w)
			}
			if t.Failed() {
				p.shot("phone-fit-"+strings.NewReplacer("&", "-", "=", "-").Replace(q), true)
			}
		})
	}
}

// TestPhoneFitsPlaying: playing, with the measured playback rate shown,
// the toolbar still fits a phone (its speeds were cut off at the right).
func TestPhoneFitsPlaying(t *testing.T) {
	for _, q := range []string{"", "arrivals=poisson&rate=1000"} {
		p := open(t, env.base+"/?"+q, 375, 800)
		p.waitFor(`/playing [\d,]+ req\/s/.test(document.getElementById("rate").textContent)`)
		var cut []string
		p.eval(cutJS, &cut)
		for _, c := range cut {
			if strings.Contains(c, "transport") || strings.Contains(c, "#rate") || strings.Contains(c, "speed") || strings.Contains(c, "load") {
				t.Errorf("%q playing at 375 px: %s", q, c)
			}
		}
		var fits bool
		p.eval(`(() => { const r = document.getElementById("rate"); return r.scrollWidth <= r.clientWidth })()`, &fits)
		if !fits {
			t.Errorf("%q playing at 375 px: the rate %q does not fit its box", q, p.text("#rate"))
		}
		p.shot(fmt.Sprintf("phone-toolbar-%d", len(q)), false)
	}
}

// TestPhoneFitsLessons: every lesson, at its end on a 375×667 phone, fits
// as the playground does: nothing wider than the screen or cut off by its
// box, and the theory table not a word per line (the playground's phone
// rules were scoped to it: the stack picker ran past the code panel, the
// theory table read a word per line and in lesson 12 was clipped, and the
// cards of lessons 6 and 7 cut their restart buttons).
func TestPhoneFitsLessons(t *testing.T) {
	for _, l := range lesson.All {
		t.Run(l.Slug, func(t *testing.T) {
			p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d", env.base, l.Slug, l.End()), 375, 667)
			p.waitFor(fmt.Sprintf(`document.getElementById("run-count").textContent.startsWith(%q)`, "request "+view.Count(l.End())+" "))
			var cut, words []string
			p.eval(cutJS, &cut)
			p.eval(wordPerLineJS, &words)
			for _, c := range cut {
				t.Errorf("%s at 375 px: %s", l.Slug, c)
			}
			for _, w := range words {
				t.Errorf("%s at 375 px, theory table: %s", l.Slug, w)
			}
			if t.Failed() {
				p.shot("phone-lesson-"+l.Slug, true)
			}
		})
	}
}
