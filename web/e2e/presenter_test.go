package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
)

// minPresenterPx is the smallest text presenter view may draw, in CSS pixels
// of a 1920×1080 page. On a screen 2.5 m wide a 1920-pixel line is 1.3 mm a
// pixel, so 20 px type is 26 mm tall; at the usual 1:250 legibility ratio of
// letter height to distance that reads from about 6.5 m, the back of a
// classroom. 20 px is also 1.25 times the browser's default body text.
const minPresenterPx = 20

// stageText measures the system's text: the smallest rendered font size
// (computed size times the CSS zoom above it) and the element that has it.
const stageText = `(() => {
	let min = 1e9, where = "";
	for (const e of document.querySelectorAll(".stage *")) {
		if (e.getClientRects().length === 0) continue;
		const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== "");
		if (!own) continue;
		if (e.closest(".sr-only, .glossary:not([open]) dd, .glossary:not([open]) dt")) continue;
		const px = parseFloat(getComputedStyle(e).fontSize) * (e.currentCSSZoom || 1);
		if (px < min) { min = px; where = e.className + " " + e.textContent.trim().slice(0, 30); }
	}
	return {min, where};
})()`

// smallestText is the smallest rendered font size among the elements that
// match sel, measured as stageText measures the stage, and where it is.
func (p *page) smallestText(sel string) (float64, string) {
	var got struct {
		Min   float64
		Where string
	}
	p.eval(strings.Replace(stageText, `".stage *"`, fmt.Sprintf("%q", sel), 1), &got)
	return got.Min, got.Where
}

// TestPresenterScalesSystem: at 1920×1080 presenter view draws the whole
// system in large type, keeps the request log, and the play bar never lies
// over a worker card or the comparison table at any scroll position.
func TestPresenterScalesSystem(t *testing.T) {
	for _, slug := range []string{"memory", "shared-cache"} {
		l := lesson.All[lesson.Index(slug)]
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d&presenter=1", env.base, slug, l.End()), 1920, 1080)
		p.waitPlayed(l)
		var got struct {
			Min   float64
			Where string
		}
		p.eval(stageText, &got)
		if got.Min < minPresenterPx {
			t.Errorf("%s: smallest system text %.1f px (%s); want at least %d px", slug, got.Min, got.Where, minPresenterPx)
		}
		if !p.visible("#sys-0 .trace") {
			t.Errorf("%s: the request log is hidden in presenter view", slug)
		}
		p.clearOfBar(slug)
		p.shot("presenter-"+slug, false)
	}
}

// clearOfBar scrolls through the page and checks at each stop that every
// worker card and the comparison table lie inside the page's width and not
// under the sticky play bar.
func (p *page) clearOfBar(what string) {
	p.t.Helper()
	var bad []string
	p.eval(`(() => {
		const bad = [], H = document.documentElement.scrollHeight;
		for (let y = 0; y <= H; y += 200) {
			window.scrollTo(0, y);
			const bar = document.querySelector(".lesson-bar").getBoundingClientRect();
			for (const e of document.querySelectorAll(".stage .card, #compare-panel")) {
				const r = e.getBoundingClientRect();
				if (r.left < 0 || r.right > innerWidth) bad.push(e.id + " outside the width at " + y);
				const over = r.left < bar.right && bar.left < r.right && r.top < bar.bottom && bar.top < r.bottom;
				if (over) bad.push((e.id || e.className) + " under the bar at scroll " + y);
			}
		}
		window.scrollTo(0, 0);
		return bad.slice(0, 5);
	})()`, &bad)
	for _, b := range bad {
		p.t.Errorf("%s: %s", what, b)
	}
}

// TestRevealKeepsPlace: revealing the answer leaves the page where it was
// (the button stays under the pointer), and the play bar covers no card.
func TestRevealKeepsPlace(t *testing.T) {
	for _, size := range [][2]int64{{1440, 1000}, {1000, 900}, {1920, 1080}} {
		l := lesson.All[lesson.Index("memory")]
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d", env.base, l.Slug, l.End()), size[0], size[1])
		p.waitPlayed(l)
		var before, after struct{ Y, Top float64 }
		const where = `(() => { const b = document.getElementById("reveal");
			return {y: scrollY, top: b.getBoundingClientRect().top}; })()`
		p.eval(`document.getElementById("reveal").scrollIntoView({block: "center"}); true`, new(bool))
		p.eval(where, &before)
		p.click("#reveal")
		p.waitFor(`document.getElementById("reveal").getAttribute("aria-expanded") === "true"`)
		p.eval(where, &after)
		if d := after.Top - before.Top; d > 1 || d < -1 || after.Y != before.Y {
			t.Errorf("%dx%d: Reveal moved the page: scroll %v→%v, button top %v→%v", size[0], size[1], before.Y, after.Y, before.Top, after.Top)
		}
		p.clearOfBar(fmt.Sprintf("%dx%d", size[0], size[1]))
	}
}

// TestCardsFillRows: worker cards fill their rows (no card alone on a row
// while the row above has room for more) and "worker N" stays on one line
// beside its gen badge, at the widths a laptop and a projector have.
func TestCardsFillRows(t *testing.T) {
	for _, c := range []struct {
		slug string
		w, h int64
		q    string
	}{
		{"recycling", 1440, 1000, ""}, {"recycling", 1000, 900, ""}, {"shared-cache", 1920, 1080, "&presenter=1"},
		{"route-by-key", 1440, 1000, ""},
	} {
		l := lesson.All[lesson.Index(c.slug)]
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d%s", env.base, c.slug, l.End(), c.q), c.w, c.h)
		p.waitPlayed(l)
		var bad []string
		p.eval(`(() => {
			const bad = [];
			for (const ws of document.querySelectorAll(".workers")) {
				const rows = new Map();
				for (const card of ws.querySelectorAll(".card")) {
					const top = Math.round(card.getBoundingClientRect().top);
					rows.set(top, (rows.get(top) || 0) + 1);
					const name = card.querySelector(".card-name");
					const r = name.getBoundingClientRect(), gen = card.querySelector(".gen");
					const range = document.createRange(); range.selectNodeContents(name);
					if (range.getClientRects().length > 1) bad.push(card.id + ": its name wraps");
					if (gen && Math.abs(gen.getBoundingClientRect().top - r.top) > r.height) bad.push(card.id + ": gen badge on another line");
				}
				const counts = [...rows.values()];
				if (counts.length > 1 && counts[counts.length - 1] === 1) bad.push(ws.closest(".system").id + ": rows of " + counts.join(", "));
			}
			return bad;
		})()`, &bad)
		for _, b := range bad {
			t.Errorf("%s at %dx%d: %s", c.slug, c.w, c.h, b)
		}
	}
}

// TestPresenterEveryLesson opens every lesson at its end in presenter view
// at 1920×1080, saves a screenshot of the first screen (presenter-N.png),
// checks the system's type is large enough, and logs what the first
// screen holds, for the README's classroom section.
func TestPresenterEveryLesson(t *testing.T) {
	for i, l := range lesson.All {
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d&presenter=1", env.base, l.Slug, l.End()), 1920, 1080)
		p.waitPlayed(l)
		var got struct {
			Min   float64
			Where string
		}
		p.eval(stageText, &got)
		if got.Min < minPresenterPx {
			t.Errorf("lesson %d: smallest system text %.1f px (%s); want at least %d px", i+1, got.Min, got.Where, minPresenterPx)
		}
		var f struct {
			Height, Cards, CardsIn, Chip, Prose, Column, Title float64
			Compare                                            string
		}
		p.eval(`(() => {
			const cards = [...document.querySelectorAll(".stage .card")];
			const inView = e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; };
			const cmp = document.getElementById("compare-panel");
			const chip = document.querySelector(".stage .chip");
			return {height: document.documentElement.scrollHeight, cards: cards.length, cardsIn: cards.filter(inView).length,
				chip: chip ? parseFloat(getComputedStyle(chip).fontSize) * chip.currentCSSZoom : 0,
				prose: parseFloat(getComputedStyle(document.querySelector(".prose")).fontSize),
				column: document.querySelector(".lesson-text").getBoundingClientRect().width,
				title: parseFloat(getComputedStyle(document.getElementById("lesson-title")).fontSize),
				compare: !cmp ? "none" : "top at " + Math.round(cmp.getBoundingClientRect().top + scrollY) + " px"};
		})()`, &f)
		t.Logf("lesson %d %s: page %.0f px tall; %.0f of %.0f worker cards wholly on the first screen; smallest system text %.1f px, key chips %.1f px, title %.0f px, prose %.0f px in a column %.0f px wide; comparison table %s",
			i+1, l.Slug, f.Height, f.CardsIn, f.Cards, got.Min, f.Chip, f.Title, f.Prose, f.Column, f.Compare)
		p.shot(fmt.Sprintf("presenter-%d", i+1), false)
	}
}

// TestChipWallsCollapse: a card's key list stays a few rows long; the older
// entries collapse to a count ("10 older …") (issue 11, 13).
func TestChipWallsCollapse(t *testing.T) {
	l := lesson.All[lesson.Index("memory")]
	p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d", env.base, l.Slug, l.End()), 1440, 1000)
	p.waitPlayed(l)
	var walls []struct {
		Rows    float64
		Summary string
	}
	p.eval(`[...document.querySelectorAll(".card .chips")].map(c => {
		const chip = c.querySelector(".chip:not(.more)"), more = c.querySelector(".chip.more");
		return {rows: chip ? c.getBoundingClientRect().height / chip.getBoundingClientRect().height : 0,
			summary: more ? more.textContent : ""};
	})`, &walls)
	if len(walls) == 0 {
		t.Fatal("no key lists on the page")
	}
	for i, w := range walls {
		if w.Rows > 7 {
			t.Errorf("card %d: key list %.1f chips tall; want at most 7", i, w.Rows)
		}
		if !strings.HasSuffix(w.Summary, "older …") {
			t.Errorf("card %d: summary %q; want a count of the older entries", i, w.Summary)
		}
	}
}
