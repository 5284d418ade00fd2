package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// systemFigures writes every number the system view and its worker cards
// show for v, the same strings their Render draws, element by element, and
// with chips the cache contents too. The charts and the sentences follow
// with go-app's next redraw.
func systemFigures(f *figures, v view.System, chips bool) {
	sys := sysOf(v)
	st := v.Stats
	id := f.id(sys, -1, "")
	f.attr(id, "data-seq", i64(st.Seq))
	f.attr(id, "data-hits", i64(st.Total.Hits))
	f.attr(id, "data-reads", i64(st.Total.Reads))
	f.attr(id, "data-origin-reads", i64(st.Origin.Reads))
	f.attr(id, "data-stale", i64(st.Total.Stale))
	f.attr(id, "data-entries", itoa(st.Memory.Entries))
	f.attr(id, "data-duplicates", itoa(st.Memory.Duplicates))
	f.attr(id, "data-backlog", itoa(st.Backlog.Now))
	s := func(key string) string { return f.id(sys, -1, key) }
	f.text(s("hit-ratio"), view.HitRatio(st))
	f.text(s("origin-reads"), view.Count(st.Origin.Reads))
	f.text(s("stale"), view.Count(st.Total.Stale))
	f.text(s("entries"), view.Count(st.Memory.Entries))
	f.text(s("entries-label"), dupLabel(st))
	f.text(s("p50"), view.ResponseTime(st, st.Latency.P50))
	f.text(s("p99"), view.ResponseTime(st, st.Latency.P99))
	f.text(s("seq"), view.Count(st.Seq))
	f.text(s("route"), route(v))

	b := backlogOf(v)
	f.class(s("backlog"), b.class)
	f.attr(s("backlog"), "data-now", itoa(st.Backlog.Now))
	f.attr(s("backlog"), "data-seq", i64(st.Seq)) // the moment drawn, even when the count stays
	f.fill(s("backlog-boxes"), "bk", "full", b.boxes)
	f.text(s("bk-more"), b.more)
	f.text(s("backlog-text"), b.text)

	if v.Config.HasShared() {
		f.class(s("shared"), sharedClass(v.Last, st.Shared.Down))
		f.attr(s("shared"), "data-errors", i64(st.Shared.Errors))
		f.text(s("shared-text"), sharedText(st))
		f.text(s("shared-errors"), view.Plural(st.Shared.Errors, "cache error"))
		if chips {
			f.html(s("shared-chips"), chipsHTML(v.Shared))
		}
	}
	var lastMark view.Mark
	if n := len(v.Last); n > 0 {
		lastMark = view.MarkOf(v.Last[n-1])
	}
	f.class(s("origin"), originClass(lastMark, v.Last))
	f.attr(s("origin"), "data-active", itoa(v.Live.OriginActive))
	f.attr(s("origin"), "data-duplicates", i64(st.Origin.Duplicates))
	f.text(s("origin-rw"), originText(st))
	f.text(s("conns"), conns(v))
	f.text(s("dups"), dupsText(st))
	f.text(s("flight"), flightText(v.Live))
	for _, w := range v.Workers {
		f.within(f.id(w.System, w.Stats.ID, ""))
		cardFigures(f, w)
		if chips && w.HasLocal {
			f.html(f.id(w.System, w.Stats.ID, "chips"), chipsHTML(w.Cache))
		}
	}
	f.within("")
}

// cardFigures writes the numbers of one worker card.
func cardFigures(f *figures, w view.Worker) {
	id := f.id(w.System, w.Stats.ID, "")
	s := func(part string) string { return f.id(w.System, w.Stats.ID, part) }
	f.class(id, cardClass(w))
	f.attr(id, "data-hits", i64(w.Stats.Hits))
	f.attr(id, "data-reads", i64(w.Stats.Reads))
	f.text(s("gen"), genText(w))
	f.class(s("last"), "last "+w.Last.Class())
	f.attr(s("last"), "title", w.Last.Word())
	f.text(s("last"), lastText(w))
	f.shown(s("boot"), !w.Stats.Up)
	f.text(s("boot"), bootText(w))
	n, busy := threadCount(w)
	f.attr(s("threads"), "data-busy", itoa(busy))
	f.fill(s("thread-boxes"), "thread", "busy", busy)
	f.text(s("thread-text"), threadText(busy, n))
	if w.HasLocal {
		f.text(s("lru-size"), view.Count(w.Cache.Size)+"/"+view.Count(w.Cache.Max))
	}
	f.text(s("info"), view.InfoLine(w.Info))
	lookups, r := ratioOf(w.Info)
	if w.SharedOut {
		r = 0 // as ratioBar draws it
	}
	f.style(s("fill"), "width", view.Pct(r))
	f.text(s("ratio"), ratioText(w, w.Info))
	f.text(s("lookups"), view.Plural(lookups, "lookup"))
	f.text(s("totals"), totalsLine(w))
	f.text(s("stale"), "⚠ "+view.Count(w.Stats.Stale)+" stale reads")
	f.text(s("evicted"), view.Count(w.Stats.Evictions)+" evicted")
	f.text(s("recycle"), view.Count(w.Stats.RequestsLeft)+" to recycle")
}

// sysOf is which system of the page v is.
func sysOf(v view.System) int {
	if len(v.Workers) > 0 {
		return v.Workers[0].System
	}
	return 0
}

// route says where the latest request went.
func route(v view.System) string {
	n := len(v.Last)
	if n == 0 {
		return "waiting"
	}
	e := v.Last[n-1]
	// no-break spaces inside the request and inside "→ worker N": a narrow
	// column breaks the line between the two, never inside one
	req := strings.ReplaceAll(fmt.Sprintf("#%s %s", view.Count(e.Seq), view.RequestText(e, view.LabelAt(v.Labels, n-1))), " ", nbsp)
	return fmt.Sprintf("%s →%sworker%s%d", req, nbsp, nbsp, e.Worker)
}

const nbsp = "\u00a0"

// backlogLook is how the backlog draws its count.
type backlogLook struct {
	class string
	boxes int    // boxes filled
	more  string // the waiting connections beyond the boxes
	text  string
}

func backlogOf(v view.System) backlogLook {
	b := v.Stats.Backlog
	l := backlogLook{class: "node node-backlog", boxes: min(b.Now, backlogBoxes)}
	if b.Now > 0 {
		l.class += " busy"
	}
	if b.Now > backlogBoxes {
		l.more = "+" + view.Count(b.Now-backlogBoxes)
	}
	l.text = fmt.Sprintf("%s waiting · most %s · %s refused", view.Count(b.Now), view.Count(b.Max), view.Count(v.Stats.Refused))
	return l
}

func sharedText(st sim.Stats) string {
	return "memcached-style · " + view.Count(st.Shared.Currsize) + "/" + view.Count(st.Shared.Maxsize) + " · " + view.Plural(st.Shared.Hits, "hit")
}

func originText(st sim.Stats) string {
	return view.Plural(st.Origin.Reads, "read") + " · " + view.Plural(st.Origin.Writes, "write")
}

func dupsText(st sim.Stats) string { return "duplicate fetches: " + view.Count(st.Origin.Duplicates) }

func flightText(l sim.Live) string {
	return fmt.Sprintf("⏳ %s in flight, %s waiting on %s", fetches(l.Flights), view.Count(l.Followers), them(l.Flights))
}

func itoa(n int) string  { return strconv.Itoa(n) }
func i64(n int64) string { return strconv.FormatInt(n, 10) }
