package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// handleActions wires the worker cards' restart buttons to the lesson.
func (w *Walkthrough) handleActions(ctx app.Context) {
	ctx.Handle(ActionRestart, func(ctx app.Context, a app.Action) {
		i, ok := a.Value.(int)
		if !ok || w.run == nil {
			return
		}
		seq := w.run.Seq()
		w.apply(func() error { return w.run.Restart(i) })
		w.st.Restarts = append(w.st.Restarts, Restart{Seq: seq, Worker: i})
		w.say = fmt.Sprintf("Worker %d restarted after request %s: its cache starts empty.", i, Count(seq))
		w.syncURL(ctx)
	})
}

// apply changes the running systems and redraws, turning a panic into the banner.
func (w *Walkthrough) apply(change func() error) {
	if w.run == nil || w.failure != "" {
		return
	}
	msg := safely(func() {
		if err := change(); err != nil {
			w.notices = append(w.notices, err.Error())
		}
		w.views = w.run.Views()
		w.observe()
	})
	if msg != "" {
		w.fail(msg)
	}
}

// onKey is the keyboard: arrows change lesson, space plays or pauses, s
// steps, r resets, p toggles the presenter view, ? lists the shortcuts.
// Keys typed into a form field, or space and Enter on a button or link,
// keep their usual meaning.
func (w *Walkthrough) onKey(ctx app.Context, e app.Event) {
	if e.Get("defaultPrevented").Bool() || e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
		return
	}
	key := e.Get("key").String()
	t := e.Get("target")
	tag := ""
	if t.Truthy() && t.Get("tagName").Truthy() {
		tag = strings.ToLower(t.Get("tagName").String())
	}
	switch tag {
	case "input", "select", "textarea", "dialog":
		return
	}
	if t.Truthy() && t.Get("isContentEditable").Truthy() && t.Get("isContentEditable").Bool() {
		return
	}
	if key == "Escape" {
		return
	}
	if w.shortcutsOpen() {
		return // the dialog is modal: its own keys only
	}
	onControl := tag == "button" || tag == "a" || tag == "summary"
	switch key {
	case "ArrowLeft":
		w.goTo(ctx, w.st.Index-1)
	case "ArrowRight":
		w.goTo(ctx, w.st.Index+1)
	case " ", "Spacebar":
		if onControl {
			return
		}
		w.toggle(ctx)
	case "s", "S":
		w.step(ctx)
	case "r", "R":
		w.reset(ctx)
	case "p", "P":
		w.togglePresenter(ctx)
	case "?":
		w.showShortcuts()
	default:
		return
	}
	e.PreventDefault()
}

// goTo opens lesson i, keeping the presenter and embed views.
func (w *Walkthrough) goTo(ctx app.Context, i int) {
	if i < 0 || i >= len(lesson.All) || i == w.st.Index {
		return
	}
	st := LessonState{Index: i, At: -1, Presenter: w.st.Presenter, Embed: w.st.Embed}
	ctx.Navigate(rootPrefix() + LearnPath + "?" + st.Query())
}

func (w *Walkthrough) toggle(ctx app.Context) {
	if w.failure != "" || w.run == nil {
		return
	}
	if !w.running && w.run.Stopped() { // the lesson is its script: playing on would be another run
		w.say = "The lesson ends at request " + Count(w.run.Seq()) + ". Press r to play it again."
		return
	}
	w.running = !w.running
	w.live.Store(w.running)
	w.last = time.Time{}
	w.observe()
	if w.running {
		w.say = "Playing from request " + Count(w.run.Seq()) + "."
		if w.ended {
			w.say += " The lesson's own requests are done: the run goes on."
		}
	} else {
		w.say = "Paused at request " + Count(w.run.Seq()) + ". " + w.summary()
	}
	w.saidAt = time.Now()
	w.syncURL(ctx)
}

func (w *Walkthrough) pause() {
	w.running = false
	w.live.Store(false)
}

// step serves one request and says how it went.
func (w *Walkthrough) step(ctx app.Context) {
	if w.failure != "" || w.run == nil {
		return
	}
	w.pause()
	w.advance(1)
	w.observe()
	if w.run.Seq() >= w.end() {
		w.ended = true
	}
	w.say = w.lastEvent()
	w.syncURL(ctx)
}

// reset plays the lesson again from its first request.
func (w *Walkthrough) reset(ctx app.Context) {
	st := w.st
	st.At, st.Restarts = -1, nil
	w.load(st)
	w.say = "Reset: " + w.say
	w.syncURL(ctx)
}

func (w *Walkthrough) togglePresenter(ctx app.Context) {
	w.st.Presenter = !w.st.Presenter
	if w.st.Presenter {
		w.say = "Presenter view: large type."
	} else {
		w.say = "Normal view."
	}
	w.syncURL(ctx)
}

// here is the state that reproduces the run as it stands: paused at this request.
func (w *Walkthrough) here() LessonState {
	st := w.st
	if w.run != nil {
		st.At = w.run.Seq()
	}
	return st
}

// syncURL writes the state into the address bar without reloading: paused,
// the link reproduces this exact request; playing, the lesson from its start.
func (w *Walkthrough) syncURL(ctx app.Context) {
	if !app.IsClient {
		return
	}
	st := w.here()
	if w.running {
		st.At, st.Restarts = -1, nil
	}
	u := *app.Window().URL()
	u.RawQuery = st.Query()
	w.query = u.RawQuery
	ctx.Page().ReplaceURL(&u)
}

// speak puts the latest progress into the live region, in words.
func (w *Walkthrough) speak(now time.Time) {
	if w.run == nil {
		return
	}
	seq := w.run.Seq()
	if seq == w.saidSeq {
		return
	}
	if seq == w.saidSeq+1 {
		w.say = w.lastEvent()
	} else {
		w.say = "Request " + Count(seq) + ": " + w.summary()
	}
	w.saidAt, w.saidSeq = now, seq
}

// lastEvent describes the latest request of the lesson's system in words.
func (w *Walkthrough) lastEvent() string {
	if len(w.views) == 0 || len(w.views[0].Last) == 0 {
		return "No request yet."
	}
	v := w.views[0]
	e := v.Last[len(v.Last)-1]
	return fmt.Sprintf("Request %s: %s key %d on worker %d: %s.", Count(e.Seq), opWord(e), e.Key, e.Worker, eventWords(e))
}

// eventWords says what happened to one request.
func eventWords(e sim.Event) string {
	switch MarkOf(e) {
	case WriteOp:
		return "a write: the database has a new version"
	case StaleRead:
		return "stale: answered with an old value"
	case Miss:
		return "a miss: fetched from the database"
	case SharedHit:
		return "a hit in the shared cache"
	}
	return "a hit in the worker's own cache"
}

// summary is the run so far in one sentence.
func (w *Walkthrough) summary() string {
	if len(w.views) == 0 {
		return ""
	}
	st := w.views[0].Stats
	return fmt.Sprintf("%s: hit ratio %s; database reads: %s; stale reads: %s.",
		w.views[0].Title, Pct(st.HitRatio), Count(st.Origin.Reads), Count(st.Total.Stale))
}

// title names the lesson and where it is in the walkthrough.
func (w *Walkthrough) title() string {
	return fmt.Sprintf("Lesson %d of %d: %s", w.st.Index+1, len(lesson.All), strings.TrimLeft(w.st.Lesson().Title, "0123456789. "))
}

// rootPrefix is the path the site is served under ("" at the root).
func rootPrefix() string {
	if !app.IsClient {
		return ""
	}
	return strings.TrimSuffix(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
}
