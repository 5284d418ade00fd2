package web

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// figures moves the numbers of a snapshot into the page with one call into
// JavaScript, between go-app's redraws: a re-render of every worker card
// costs tens of milliseconds a frame, writing the few strings that changed
// about one. Each write names an element by id and changes it only when its
// value differs, so that nothing is touched that stays the same. The player
// writes the figures after every go-app redraw too, so the page never keeps
// a value go-app believes is gone.
type figures struct {
	b     strings.Builder
	apply app.Value          // the JavaScript function that carries out the writes
	ids   map[partKey]string // element ids by part, made once (see id)
}

// Separators of the writes and of their fields: control characters that no
// figure contains.
const (
	opSep    = "\x1e"
	fieldSep = "\x1f"
)

// figuresJS makes the function that carries out the writes in s. A text
// write changes the element's own text node, the one go-app holds, rather
// than replacing it. Ops between "v id" and the next "v" write inside
// element id, and are left out while it is far off screen, unless all is
// set: the browser lays out and paints every changed text wherever it is,
// and in a 1440x1000 window the last one or two of a 16-worker page's four
// rows of cards are below the fold.
const figuresJS = `
const off = new WeakSet(), seen = new WeakSet();
const io = new IntersectionObserver(es => {
	for (const e of es) { if (e.isIntersecting) off.delete(e.target); else off.add(e.target); }
}, {rootMargin: "100px 0px"});
return function(s, all) {
let skip = false;
for (const op of s.split("\x1e")) {
	const f = op.split("\x1f");
	if (f[0] === "v") {
		const el = f[1] && document.getElementById(f[1]);
		if (el && !seen.has(el)) { seen.add(el); io.observe(el); }
		skip = !all && !!el && off.has(el);
		continue;
	}
	if (skip) continue;
	const el = document.getElementById(f[1]);
	if (!el) continue;
	switch (f[0]) {
	case "t": {
		const n = el.firstChild;
		if (n && n.nodeType === 3) { if (n.nodeValue !== f[2]) n.nodeValue = f[2]; }
		else if (!n) el.appendChild(document.createTextNode(f[2]));
		break;
	}
	case "a": if (el.getAttribute(f[2]) !== f[3]) el.setAttribute(f[2], f[3]); break;
	case "h": if (el._html !== f[2]) { el.innerHTML = f[2]; el._html = f[2]; } break;
	case "c": if (el.className !== f[2]) el.className = f[2]; break;
	case "s": if (el.style.getPropertyValue(f[2]) !== f[3]) el.style.setProperty(f[2], f[3]); break;
	case "n": {
		let i = 0;
		const n = Number(f[4]);
		for (const c of el.children) {
			if (!c.classList.contains(f[2])) continue;
			const want = i < n ? f[2] + " " + f[3] : f[2];
			if (c.className !== want) c.className = want;
			i++;
		}
		break;
	}
	}
}
}`

// op adds one write of the given kind to element id.
func (f *figures) op(kind, id string, fields ...string) {
	if f.b.Len() > 0 {
		f.b.WriteString(opSep)
	}
	f.b.WriteString(kind)
	f.b.WriteString(fieldSep)
	f.b.WriteString(id)
	for _, s := range fields {
		f.b.WriteString(fieldSep)
		f.b.WriteString(s)
	}
}

// partKey names a part of a system's view (worker -1) or of a worker card.
type partKey struct {
	sys, worker int
	part        string
}

// id is the element id of part of worker's card in system sys, or with
// worker -1 of the system's view, made once: a frame writes about
// twenty-five parts of every card.
func (f *figures) id(sys, worker int, part string) string {
	k := partKey{sys, worker, part}
	if id, ok := f.ids[k]; ok {
		return id
	}
	id := fmt.Sprintf("s%d-%s", sys, part)
	switch {
	case worker >= 0 && part == "":
		id = fmt.Sprintf("s%d-w%d", sys, worker)
	case worker >= 0:
		id = fmt.Sprintf("s%d-w%d-%s", sys, worker, part)
	case part == "":
		id = fmt.Sprintf("sys-%d", sys)
	}
	if f.ids == nil {
		f.ids = map[partKey]string{}
	}
	f.ids[k] = id
	return id
}

// text sets the text of element id.
func (f *figures) text(id, s string) { f.op("t", id, s) }

// attr sets attribute name of element id.
func (f *figures) attr(id, name, v string) { f.op("a", id, name, v) }

// html sets the content of element id, one go-app draws empty; it is
// rewritten only when it changed.
func (f *figures) html(id, s string) { f.op("h", id, s) }

// class sets the class of element id.
func (f *figures) class(id, v string) { f.op("c", id, v) }

// style sets one style property of element id.
func (f *figures) style(id, name, v string) { f.op("s", id, name, v) }

// shown shows or hides element id, as display(shown) renders it.
func (f *figures) shown(id string, on bool) { f.style(id, "display", display(on)) }

// within has the writes that follow, up to the next within, change
// element id only, so that they can be left out while it is off screen
// (see flush); id "" ends it.
func (f *figures) within(id string) { f.op("v", id) }

// fill gives the first n children of element id that have class base the
// class "base extra", and the others base alone: boxes that count.
func (f *figures) fill(id, base, extra string, n int) {
	f.op("n", id, base, extra, itoa(n))
}

// flush carries out the writes gathered so far; with all, those inside
// elements off screen too.
func (f *figures) flush(all bool) {
	if f.b.Len() == 0 {
		return
	}
	if app.IsClient {
		if f.apply == nil {
			f.apply = app.Window().Get("Function").New(figuresJS).Invoke()
		}
		f.apply.Invoke(f.b.String(), all)
	}
	f.b.Reset()
}

// display is the CSS display of an element the figures show and hide.
func display(on bool) string {
	if on {
		return ""
	}
	return "none"
}
