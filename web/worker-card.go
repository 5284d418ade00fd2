package web

import (
	"fmt"
	"strconv"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// WorkerCard draws one worker process: its LRU list in recency order, its
// cache_info() line and its hit ratio.
type WorkerCard struct {
	app.Compo
	Worker  view.Worker
	Figures bool // the player writes the cache contents (see figures)
}

func (c *WorkerCard) Render() app.UI {
	w := c.Worker
	id := w.Stats.ID
	cid := cardID(w)
	boot := el("p").Class("boot").ID(cid + "-boot").Text(bootText(w))
	if w.Stats.Up {
		boot = boot.Style("display", "none") // kept in place: the figures show it while playing
	}
	return el("article").
		Class(cardClass(w)).
		ID(cid).
		DataSet("hits", w.Stats.Hits).
		DataSet("reads", w.Stats.Reads).
		Aria("label", fmt.Sprintf("worker %d", id)).
		Body(
			el("header").Class("card-head").Body(
				el("span").Class("card-name").Text(fmt.Sprintf("worker %d", id)),
				app.If(w.Stats.Generation > 0, el("span").Class("gen").ID(cid+"-gen").
					Title("times this worker process was replaced").
					Text(genText(w))),
				el("span").Class("last "+w.Last.Class()).ID(cid+"-last").
					Title(lastTitle(w)).
					Text(lastText(w)),
				el("button").Class("icon-btn").
					Title(fmt.Sprintf("restart worker %d (its cache starts empty)", id)).
					Aria("label", fmt.Sprintf("restart worker %d", id)).
					Text("↻").
					OnClick(func(ctx app.Context, e app.Event) {
						ctx.NewActionWithValue(ActionRestart, id, app.T("system", w.System))
					}),
			),
			boot,
			threads(w),
			app.If(w.HasLocal, c.renderCache()).Else(
				el("p").Class("no-local").Text("no local cache: every read asks "+behind(w)),
			),
			el("code").Class("info").ID(cid+"-info").Title(infoTitle(w)).Text(view.InfoLine(w.Info)),
			ratioBar(cid, w),
			app.If(totalsDiffer(w), el("p").Class("totals").ID(cid+"-totals").Text(totalsLine(w))),
			el("div").Class("card-foot").Body(
				el("span").ID(cid+"-stale").Title("reads served with an old value").
					Text("⚠ "+view.Count(w.Stats.Stale)+" stale reads"),
				el("span").ID(cid+"-evicted").Title("entries evicted to make room").
					Text(view.Count(w.Stats.Evictions)+" evicted"),
				app.If(w.Stats.RequestsLeft >= 0, el("span").ID(cid+"-recycle").Title("requests until max_requests recycles this worker").
					Text(view.Count(w.Stats.RequestsLeft)+" to recycle")),
			),
		)
}

// still is the part of w that shapes its card's markup, for a card whose
// figures the player writes (see figures): go-app re-renders such a card
// only when its shape changes (a replacement, a totals line that appears),
// not on every redraw, which re-rendered sixteen cards in two thirds of a
// redraw's Go time. Everything else starts at zero, and the figures that
// follow every redraw overwrite it.
func still(w view.Worker) view.Worker {
	s := view.Worker{System: w.System, HasLocal: w.HasLocal, HostL2: w.HostL2, Threads: w.Threads}
	s.Stats.ID = w.Stats.ID
	s.Stats.Up = true // the boot line is kept in place, hidden
	s.Stats.Generation = w.Stats.Generation
	s.Stats.RequestsLeft = min(w.Stats.RequestsLeft, 0)
	if totalsDiffer(w) {
		s.Stats.Reads = 1
	}
	return s
}

// cardID is the id of w's card; its parts add a suffix.
func cardID(w view.Worker) string { return fmt.Sprintf("s%d-w%d", w.System, w.Stats.ID) }

// cardClass marks the card that served the latest request and one whose
// process does not accept.
func cardClass(w view.Worker) string {
	cls := "card"
	if w.Active {
		cls += fmt.Sprintf(" active pulse%d", w.Pulse)
	}
	if !w.Stats.Up {
		cls += " down"
	}
	return cls
}

func genText(w view.Worker) string { return fmt.Sprintf("gen %d", w.Stats.Generation) }

// lastText is the card's mark of the latest request it served: "✓ k17";
// "ℹ info" for /get_cache_info, which reads no key; "·" for none of the
// latest requests (its threads may still be busy).
func lastText(w view.Worker) string {
	switch w.Last {
	case view.None:
		return idleMark
	case view.InfoOp:
		return w.Last.Symbol() + " info"
	}
	return w.Last.Symbol() + " k" + strconv.Itoa(w.LastKey)
}

// idleMark stands for a worker that served none of the latest requests.
const idleMark = "·"

func lastTitle(w view.Worker) string {
	if w.Last == view.None {
		return idleWords
	}
	return w.Last.Word()
}

const idleWords = "served none of the latest requests"

func (c *WorkerCard) renderCache() app.UI {
	cv := c.Worker.Cache
	return el("div").Class("lru").Body(
		el("div").Class("lru-label").Body(
			el("span").Text("LRU, oldest → newest"),
			el("span").Class("lru-size").ID(cardID(c.Worker)+"-lru-size").Text(view.Count(cv.Size)+"/"+view.Count(cv.Max)),
		),
		&CacheChips{Cache: cv, ID: cardID(c.Worker) + "-chips", Figures: c.Figures},
	)
}

// ratioBar draws the hit ratio of the cache_info line above it, so that the
// two always agree.
func ratioBar(cid string, w view.Worker) app.UI {
	i := w.Info
	lookups, r := ratioOf(i)
	if w.SharedOut {
		r = 0 // its bar is the shared cache's, which answers nothing while it is out
	}
	return el("div").Class("ratio").Body(
		el("div").Class("bar").Body(
			el("div").Class("fill").ID(cid+"-fill").Style("width", view.Pct(r)),
		),
		el("span").Class("ratio-text").ID(cid+"-ratio").Text(ratioText(w, i)),
		el("span").Class("reads").ID(cid+"-lookups").Text(view.Plural(lookups, "lookup")),
	)
}

// ratioText names whose hit ratio the bar shows: a worker's own cache, or
// the shared (or host) cache whose cache_info() the card shows, whose
// lookups leave out the reads it could not answer while it was down.
func ratioText(w view.Worker, i sim.CacheInfo) string {
	lookups, _ := ratioOf(i)
	ratio := view.Share(i.Hits, lookups)
	switch {
	case w.HasLocal:
		return "hit ratio " + ratio
	case w.HostL2:
		return "host cache " + ratio
	case w.SharedOut:
		return "shared cache out"
	}
	return "shared cache " + ratio
}

// ratioOf is the lookups of a cache_info() line and the share that hit.
func ratioOf(i sim.CacheInfo) (lookups int64, r float64) {
	lookups = i.Hits + i.Misses
	if lookups > 0 {
		r = float64(i.Hits) / float64(lookups)
	}
	return lookups, r
}

// infoTitle says whose cache_info() the card shows.
func infoTitle(w view.Worker) string {
	if !w.HasLocal {
		return behind(w) + "'s cache_info(): its workers see the same"
	}
	return "cache_info() of this worker's current process: a new process starts again from zero"
}

// totalsDiffer reports whether the worker's own reads since the start
// (every generation, shared hits included) differ from its cache_info().
func totalsDiffer(w view.Worker) bool {
	return w.Stats.Hits != w.Info.Hits || w.Stats.Reads != w.Info.Hits+w.Info.Misses
}

// totalsLine is the worker's own figure, labelled apart from cache_info().
func totalsLine(w view.Worker) string {
	who := "this worker"
	if w.Stats.Generation > 0 {
		who = fmt.Sprintf("this worker over its %d processes", w.Stats.Generation+1)
	}
	s := fmt.Sprintf("%s: %s of %s answered by a cache", who, view.Share(w.Stats.Hits, w.Stats.Reads), view.Plural(w.Stats.Reads, "finished read"))
	switch n := inService(w); {
	case n == 1:
		s += "; 1 more read is still in progress and already counts as a lookup"
	case n > 1:
		s += fmt.Sprintf("; %d more reads are still in progress and already count as lookups", n)
	}
	return s
}

// inService is how many of the lookups on w's cache_info() line are reads
// still in progress: a read looks up its key when it starts and counts as
// a read when it finishes.
func inService(w view.Worker) int64 {
	d := w.Info.Hits + w.Info.Misses - w.Stats.Reads
	if !w.HasLocal || w.Stats.Generation > 0 || d <= 0 || d > int64(w.Stats.BusyThreads) {
		return 0
	}
	return d
}

// behind names the cache a worker asks after its own.
func behind(w view.Worker) string {
	if w.HostL2 {
		return "its host's cache"
	}
	return "the shared cache"
}

// bootText says why a worker that is not accepting is out: its new process
// boots, or its old one finishes the requests it has.
func bootText(w view.Worker) string {
	if w.BootLeft > 0 {
		return "booting · up in " + view.Micros(int(w.BootLeft))
	}
	return "finishing its requests"
}

// threads draws one box per thread, filled while it serves a request.
func threads(w view.Worker) app.UI {
	n, busy := threadCount(w)
	cid := cardID(w)
	return el("div").Class("threads").ID(cid+"-threads").DataSet("busy", busy).
		Title("threads of this worker: a filled box serves a request now").Body(
		el("span").Class("thread-boxes").ID(cid+"-thread-boxes").Aria("hidden", "true").Body(app.Range(make([]struct{}, n)).Slice(func(i int) app.UI {
			if i < busy {
				return el("span").Class("thread busy")
			}
			return el("span").Class("thread")
		})),
		el("span").Class("thread-text").ID(cid+"-thread-text").Text(threadText(busy, n)),
	)
}

// threadCount is how many threads w has and how many of them are busy.
func threadCount(w view.Worker) (n, busy int) {
	n = max(w.Threads, 1)
	return n, min(w.Stats.BusyThreads, n)
}

func threadText(busy, n int) string { return fmt.Sprintf("%d of %d %s busy", busy, n, threadWord(n)) }

func threadWord(n int) string {
	if n == 1 {
		return "thread"
	}
	return "threads"
}
