package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// The playground's first screen as a newcomer meets it at 1024, 1280 and
// 1440 px: the post's story at the top, one toolbar row where it fits, the
// comparison's cards in full rows, the last request's line whole, and the
// settings under the charts.

// TestPostStoryAtTop: the post's setup and a link to its replay show above
// the fold, and the link brings the replay's heading into view below the bar.
func TestPostStoryAtTop(t *testing.T) {
	for _, s := range [][2]int64{{1024, 768}, {1280, 800}, {1440, 900}} {
		p := open(t, env.base+"/?at=300", s[0], s[1])
		var r struct{ Bottom, Height float64 }
		p.eval(`(() => { const a = document.getElementById("to-blog"); return a ? {bottom: a.getBoundingClientRect().bottom, height: innerHeight} : {bottom: 1e9, height: innerHeight} })()`, &r)
		if r.Bottom > r.Height/2 {
			t.Errorf("%dx%d: the link to the post's replay ends at %.0f px; want it in the top half of the screen", s[0], s[1], r.Bottom)
			continue
		}
		if txt := p.text("#post-strip"); !hasAll(txt, "2 workers", "maxsize=2") {
			t.Errorf("%dx%d: the post's line says %q; want its 2 workers and maxsize=2", s[0], s[1], txt)
		}
		p.click("#to-blog")
		var top struct{ Heading, Bar float64 }
		p.waitFor(`document.querySelector("#blog h2").getBoundingClientRect().top < innerHeight / 2`)
		p.eval(`({heading: document.querySelector("#blog h2").getBoundingClientRect().top, bar: document.querySelector(".play-bar").getBoundingClientRect().bottom})`, &top)
		if top.Heading < top.Bar {
			t.Errorf("%dx%d: the replay's heading lands at %.0f px, under the bar to %.0f px", s[0], s[1], top.Heading, top.Bar)
		}
	}
}

// TestPostSetupLink: the post strip's step-through link opens lesson 1
// paused before its first request, and Step sends the post's requests to
// the workers the post names: GET / and /get_cache_info to worker 0, then
// /get_cache_info to worker 1. The page itself still opens on the engine's
// 4 workers.
func TestPostSetupLink(t *testing.T) {
	p := open(t, env.base+"/?at=5", 1280, 800)
	if got := p.text("#sys-0 .system-sub"); !hasAll(got, "4 workers") {
		t.Errorf("the home page reads %q; want the default 4 workers", got)
	}
	if got := p.text("#post-setup"); !strings.Contains(got, "lesson 1") {
		t.Errorf("the step-through link reads %q; want it to name lesson 1", got)
	}
	p.click("#post-setup")
	p.waitFor(`location.pathname.endsWith("/learn") && new URLSearchParams(location.search).get("lesson") === "the-post"`)
	p.waitReady()
	p.waitFor(`document.querySelector("#walkthrough[data-lesson='the-post']") !== null`)
	if got := p.text("#run-count"); got != "request 0 of 3" {
		t.Errorf("the post's requests open at %q; want request 0 of 3, paused", got)
	}
	for i, want := range []string{"GET / → worker 0", "GET /get_cache_info → worker 0", "GET /get_cache_info → worker 1"} {
		p.click("#step")
		p.waitFor(fmt.Sprintf(`document.getElementById("run-count").textContent.trim() === "request %d of 3"`, i+1))
		if got := strings.ReplaceAll(p.text("#s0-route"), "\u00a0", " "); !strings.Contains(got, want) {
			t.Errorf("step %d: %q; want %q, as in the post", i+1, got, want)
		}
	}
}

// TestToolbarRows: the playground's toolbar is one row at 1440 px and two
// at 1280 and 1024, and the scroll padding clears it.
func TestToolbarRows(t *testing.T) {
	for _, tc := range []struct {
		w, h int64
		rows int
	}{{1440, 900, 1}, {1280, 800, 2}, {1024, 768, 2}} {
		p := open(t, env.base+"/?at=0", tc.w, tc.h)
		var got struct {
			Rows         int
			Bar, Padding float64
		}
		p.eval(`(() => {
			const mids = [...document.querySelectorAll(".transport button, .transport select, .transport input")]
				.filter(e => e.offsetParent).map(e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; }).sort((a, b) => a - b);
			const rows = mids.filter((m, i) => i === 0 || m - mids[i - 1] > 20).length;
			return {rows, bar: document.querySelector(".play-bar").getBoundingClientRect().height,
				padding: parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop)};
		})()`, &got)
		if got.Rows != tc.rows {
			t.Errorf("%d px: the toolbar has %d rows; want %d", tc.w, got.Rows, tc.rows)
		}
		if got.Bar > got.Padding-4 {
			t.Errorf("%d px: the toolbar is %.0f px tall, the scroll padding %.0f px: a heading jumped to hides under it", tc.w, got.Bar, got.Padding)
		}
		p.shot(fmt.Sprintf("toolbar-%d", tc.w), false)
	}
}

// TestCompareCardsFillRows: side by side, four workers draw two full rows of
// two, and both systems' origin boxes have the same size.
func TestCompareCardsFillRows(t *testing.T) {
	for _, path := range []string{"/?compare=true&at=300", "/?mode=shared&compare=true&at=300"} {
		for _, w := range []int64{1024, 1280, 1440} {
			p := open(t, env.base+path, w, 900)
			var got struct {
				Rows    [][]int
				Origins [][2]float64
			}
			p.eval(`(() => ({
				rows: [...document.querySelectorAll(".systems.two .workers")].map(ws => {
					const n = new Map();
					for (const c of ws.querySelectorAll(":scope > .card")) { const y = Math.round(c.getBoundingClientRect().top); n.set(y, (n.get(y) || 0) + 1); }
					return [...n.values()];
				}),
				origins: [...document.querySelectorAll(".systems.two .node-origin")].map(o => [Math.round(o.getBoundingClientRect().width), Math.round(o.getBoundingClientRect().height)]),
			}))()`, &got)
			for i, rows := range got.Rows {
				for _, n := range rows[1:] {
					if n != rows[0] {
						t.Errorf("%s at %d px: system %d's cards per row are %v; want full rows", path, w, i, rows)
						break
					}
				}
			}
			if len(got.Origins) != 2 || got.Origins[0] != got.Origins[1] {
				t.Errorf("%s at %d px: the origin boxes are %v (width, height); want two of one size", path, w, got.Origins)
			}
		}
	}
}

// TestRouteLineBreaksWhole: the last request's line ("#300 GET k45 → worker
// 3") breaks, if at all, between the request and where it went.
func TestRouteLineBreaksWhole(t *testing.T) {
	for _, w := range []int64{1024, 1280, 1440} {
		p := open(t, env.base+"/?at=300", w, 800)
		var bad string
		p.eval(`(() => {
			const el = document.getElementById("s0-route"), t = el.firstChild, s = t.textContent;
			const top = i => { const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1); return Math.round(r.getBoundingClientRect().top); };
			const arrow = s.indexOf("→");
			if (arrow < 0) return "no arrow in " + s;
			if (top(0) !== top(arrow - 2)) return "the request breaks: " + s;
			if (top(arrow) !== top(s.length - 1)) return "the worker breaks from its arrow: " + s;
			return "";
		})()`, &bad)
		if bad != "" {
			t.Errorf("%d px: %s", w, bad)
		}
	}
}

// TestSettingsUnderCharts: at 1440 px the settings sit under the charts, in
// the wide column, with no empty column beside them.
func TestSettingsUnderCharts(t *testing.T) {
	p := open(t, env.base+"/?at=300", 1440, 900)
	var got struct{ ChartsLeft, ChartsBottom, SetLeft, SetTop float64 }
	p.eval(`(() => { const c = document.querySelector(".charts").getBoundingClientRect(), s = document.querySelector(".controls").getBoundingClientRect();
		return {chartsLeft: c.left, chartsBottom: c.bottom, setLeft: s.left, setTop: s.top}; })()`, &got)
	if got.SetLeft != got.ChartsLeft || got.SetTop < got.ChartsBottom {
		t.Errorf("settings at (%.0f, %.0f), charts at left %.0f ending at %.0f; want the settings under the charts", got.SetLeft, got.SetTop, got.ChartsLeft, got.ChartsBottom)
	}
}

func hasAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
