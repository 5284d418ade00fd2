package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// sideBySide reports how the playground's two compared systems lie: whether
// they share a row (the second starts level with the first, to its right),
// and whether anything makes the page scroll sideways.
const sideBySide = `(() => {
	const a = document.getElementById("sys-0").getBoundingClientRect();
	const b = document.getElementById("sys-1").getBoundingClientRect();
	const bad = [];
	if (Math.abs(a.top - b.top) > 1 || b.left < a.right) bad.push("stacked: first at " + Math.round(a.left) + "," + Math.round(a.top) + ", second at " + Math.round(b.left) + "," + Math.round(b.top));
	const W = document.documentElement.clientWidth;
	if (document.documentElement.scrollWidth > W) bad.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " px wide in " + W);
	for (const e of document.querySelectorAll("#sys-0 *, #sys-1 *")) {
		if (e.getClientRects().length === 0) continue;
		const sys = e.closest(".system"), r = e.getBoundingClientRect(), s = sys.getBoundingClientRect();
		const what = sys.id + ": " + (e.id || e.className || e.tagName) + " " + JSON.stringify(e.textContent.trim().slice(0, 20));
		if (r.left < s.left - 1 || r.right > s.right + 1) bad.push(what + " sticks out of its system");
		else if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible") bad.push(what + ": its text runs " + (e.scrollWidth - e.clientWidth) + " px past its box");
	}
	return bad.slice(0, 8);
})()`

// TestCompareSideBySide: with ?compare=1 the two systems sit side by side,
// without sideways scrolling and with every figure inside its box, at a
// 1024×768 projector and at laptop widths, in the normal view and in
// presenter view, with 4 workers early in a run and 16 workers late in one
// (wider figures), and with three hosts.
func TestCompareSideBySide(t *testing.T) {
	for _, tc := range []struct {
		w, h      int64
		presenter bool
		q         string
	}{
		{1024, 768, false, "at=200"}, {1280, 800, false, "at=200"}, {1440, 900, false, "at=200"},
		{1024, 768, true, "at=200"}, {1280, 800, true, "at=200"}, {1440, 900, true, "at=200"},
		{1024, 768, false, "workers=16&at=300000"}, {1024, 768, true, "workers=16&at=300000"},
		{1280, 800, true, "workers=16&at=300000"},
		{1024, 768, false, "hosts=3&mode=host&at=300"}, {1024, 768, true, "hosts=3&mode=host&at=300"},
	} {
		u := env.base + "/?compare=1&" + tc.q
		name := fmt.Sprintf("compare-%d", tc.w)
		if tc.presenter {
			u += "&presenter=1"
			name += "-presenter"
		}
		switch {
		case strings.HasPrefix(tc.q, "workers"):
			name += "-16w"
		case strings.HasPrefix(tc.q, "hosts"):
			name += "-hosts"
		}
		p := open(t, u, tc.w, tc.h)
		p.waitFor(`document.getElementById("sys-1") !== null`)
		var bad []string
		p.eval(sideBySide, &bad)
		for _, b := range bad {
			t.Errorf("%s at %dx%d: %s", u, tc.w, tc.h, b)
		}
		p.shot(name, false)
		if strings.HasPrefix(tc.q, "workers") {
			p.eval(`document.querySelector("#sys-0 .workers").scrollIntoView(); true`, new(bool))
			p.shot(name+"-cards", false)
		}
	}
}
