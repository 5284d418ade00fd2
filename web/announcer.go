package web

import (
	"fmt"
	"time"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// announcer is the lesson's live region: what just happened, in words,
// about once a second while playing so that a screen reader keeps up.
type announcer struct {
	say string
	at  time.Time // when say last changed while playing
	seq int64     // the request say speaks of
}

// speak puts the latest progress of views into the live region.
func (a *announcer) speak(now time.Time, views []view.System) {
	if len(views) == 0 {
		return
	}
	seq := views[0].Stats.Seq
	if seq == a.seq {
		return
	}
	if seq == a.seq+1 {
		a.say = lastEvent(views)
	} else {
		a.say = "Request " + view.Count(seq) + ": " + summary(views)
	}
	a.at, a.seq = now, seq
}

// line is what the status line shows: what was said, or while playing on
// past it, the run as views show it.
func (a *announcer) line(playing bool, views []view.System) string {
	if seq := shownSeq(views); playing && seq != a.seq && seq > 0 {
		return "Request " + view.Count(seq) + ": " + summary(views)
	}
	return a.say
}

// shownSeq is the request number views show.
func shownSeq(views []view.System) int64 {
	if len(views) == 0 {
		return 0
	}
	return views[0].Stats.Seq
}

// lastEvent describes the latest request of the first system in words.
func lastEvent(views []view.System) string {
	if len(views) == 0 || len(views[0].Last) == 0 {
		return "No request yet."
	}
	v := views[0]
	n := len(v.Last)
	e := v.Last[n-1]
	req := view.RequestText(e, view.LabelAt(v.Labels, n-1))
	if e.Op == sim.Info {
		return fmt.Sprintf("Request %s: %s on worker %d: cache_info() answered from that worker's own counters; no cache lookup.", view.Count(e.Seq), req, e.Worker)
	}
	return fmt.Sprintf("Request %s: %s on worker %d: %s.", view.Count(e.Seq), req, e.Worker, eventWords(view.MarkIn(v.Config, e)))
}

// eventWords says what happened to one request.
func eventWords(m view.Mark) string {
	switch m {
	case view.WriteOp:
		return "a write: the database has a new version"
	case view.StaleRead:
		return "stale: answered with an old value"
	case view.Miss:
		return "a miss: fetched from the database"
	case view.SharedHit:
		return "a hit in the shared cache"
	case view.HostHit:
		return "a hit in its host's cache"
	}
	return "a hit in the worker's own cache"
}

// summary is the run of the first system so far in one sentence.
func summary(views []view.System) string {
	if len(views) == 0 {
		return ""
	}
	st := views[0].Stats
	return fmt.Sprintf("%s: hit ratio %s; database reads: %s; stale reads: %s.",
		views[0].Title, view.HitRatio(st), view.Count(st.Origin.Reads), view.Count(st.Total.Stale))
}

// observer keeps a lesson's what-to-notice lines, read from the live
// systems; some lessons' lines run Che's approximation, too dear for every
// frame, so playing they are read at most every observeEvery.
type observer struct {
	lines []string
	at    time.Time
}

const observeEvery = 150 * time.Millisecond

// observe reads the lines from r now, or at now if observeEvery has passed;
// a zero now reads them at once.
func (o *observer) observe(r *view.Runner, l lesson.Lesson, now time.Time) {
	if r == nil {
		o.lines = nil
		return
	}
	if !now.IsZero() && now.Sub(o.at) < observeEvery {
		return
	}
	o.lines, o.at = l.Notice(view.Observe(r)), now
}
