package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Walkthrough is the classroom page: one lesson at a time, its prose beside
// its live system, with what to notice computed from the numbers on screen.
// Its state comes from the URL (see LessonState); its player runs it.
type Walkthrough struct {
	app.Compo

	player
	st       view.LessonState
	query    string // the query the state was loaded from
	release  func() // removes the keyboard listener
	ended    bool   // the lesson's own requests have all been played
	auto     bool   // speed chosen by the lesson, not the user
	revealed bool   // the answer shows
	index    bool   // /learn without a lesson: the list of lessons, nothing runs
	theory   view.Theory
	notice   observer  // what to notice
	status   announcer // the live region
	share    share     // the copied link

	opened   bool   // a lesson or the index is loaded (walkthrough-start.go)
	shown    bool   // the title, the address and data-ready are set for it
	drawnFor string // on the server: "?" and the query of the lesson drawn
}

// Actions of the lesson page's own controls.
const (
	ActionLesson    = "cachepit/lesson"    // value: +1 next, -1 previous
	ActionPresenter = "cachepit/presenter" // toggle the presenter view
	ActionShortcuts = "cachepit/shortcuts" // open the keyboard shortcuts
	ActionReveal    = "cachepit/reveal"    // show or hide the answer
)

// lessonKeys are the lesson page's shortcuts besides the player's.
var lessonKeys = map[string]key{
	"ArrowLeft": {Action: ActionLesson, Value: -1, Control: true}, "ArrowRight": {Action: ActionLesson, Value: 1, Control: true},
	"p": {Action: ActionPresenter, Control: true}, "P": {Action: ActionPresenter, Control: true},
	"?": {Action: ActionShortcuts, Control: true},
}

// slowStart is how many requests a lesson plays slowly before its own speed,
// so that a class sees single requests go through first.
const slowStart = 6

// ownSpeed is the speed lesson l plays at from request seq: a scripted
// request (the post's) at 1 req/s, so that a teacher can say where each one
// went; then slowStart requests at 5 req/s; then its own speed.
func ownSpeed(l lesson.Lesson, seq int64) int {
	switch script := int64(len(l.Script)); {
	case seq < script:
		return speedIndex(1)
	case seq < script+slowStart && l.Requests > 0:
		return speedIndex(5)
	}
	return lessonSpeed(l)
}

// speedNote says, beside the speed, how lesson l paces itself when it
// changes its own speed as it plays; "" when it keeps one speed.
func speedNote(l lesson.Lesson) string {
	var steps []string
	script := int64(len(l.Script))
	last := -1
	for _, seq := range []int64{0, script, script + slowStart} { // where ownSpeed may change
		if seq >= l.End() {
			break
		}
		if i := ownSpeed(l, seq); i != last {
			step := SpeedLabel(i)
			if seq > 0 {
				step += " from request " + view.Count(seq+1)
			}
			steps = append(steps, step)
			last = i
		}
	}
	if len(steps) < 2 {
		return ""
	}
	return "Paced by the lesson: " + strings.Join(steps, ", then ") + "."
}

// lessonSpeed is the speed that plays l's requests in about six seconds.
func lessonSpeed(l lesson.Lesson) int {
	want := float64(l.Requests) / 6
	for i, s := range Speeds {
		if s >= want {
			return i
		}
	}
	return len(Speeds) - 1
}

func (w *Walkthrough) OnMount(ctx app.Context) {
	w.player.handle(ctx, w)
	w.handle(ctx)
	w.release = listenKeys(lessonKeys)
	w.clock.start(ctx, w.frame)
}

func (w *Walkthrough) OnDismount() {
	if w.release != nil {
		w.release()
		w.release = nil
	}
	w.pause()
}

// load builds the lesson's systems, plays its script, and runs them to st.At.
func (w *Walkthrough) load(st view.LessonState) {
	w.st, w.opened = st, true
	w.revealed, w.share = false, share{}
	l := st.Lesson()
	w.auto = true
	w.theory = l.Prediction()
	w.player.load(func() (*view.Runner, error) { return view.NewLessonRunner(l, st.Page()) }, st.At)
	w.setSpeed(ownSpeed(l, w.seq()))
	w.ended = w.run != nil && w.run.Seq() >= w.end()
	w.limit = w.nextStop()
	w.play(st.At < 0 && !w.ended)
	w.notice.observe(w.run, l, time.Time{})
	w.status.say = w.title()
	switch {
	case w.ended:
		w.status.say += ". " + summary(w.views)
	case w.running:
		w.status.say += ". Playing its " + view.Plural(w.end(), "request") + " by itself: press Space or ❚❚ Pause to stop."
		if len(l.Marks) > 0 {
			w.status.say += " It pauses at " + view.Plural(int64(len(l.Marks)), "marked moment") + "."
		}
	default:
		if m, ok := l.MarkAt(w.seq()); ok {
			w.status.say += ". Paused at request " + view.Count(w.seq()) + ". " + m.Text
		}
	}
}

// nextStop is the request the run pauses at next: the lesson's next
// marked moment, or its end; 0 once the lesson has played all it shows.
func (w *Walkthrough) nextStop() int64 {
	seq, end := w.seq(), w.end()
	if w.run == nil || seq >= end {
		return 0
	}
	if m, ok := w.st.Lesson().NextMark(seq); ok && m.Seq < end {
		return m.Seq
	}
	return end
}

// end is the request number at which the lesson has played all it shows.
func (w *Walkthrough) end() int64 {
	l := w.st.Lesson()
	return int64(len(l.Script) + l.Requests)
}

// frame plays the requests due, at the lesson's own speed unless the user
// chose one, and keeps what to notice and the live region current.
func (w *Walkthrough) frame(ctx app.Context) {
	if w.auto && w.running {
		if want := ownSpeed(w.st.Lesson(), w.seq()); want != w.speed {
			w.setSpeed(want)
		}
	}
	done := w.player.frame(ctx)
	now := time.Now()
	switch {
	case done.stopped && w.seq() < w.end():
		// A marked moment: paused, the page says what just happened
		// (the moment line above the system shows it too).
		m, _ := w.st.Lesson().MarkAt(w.seq())
		w.limit = w.nextStop()
		w.notice.observe(w.run, w.st.Lesson(), time.Time{})
		w.status.say = "Paused at request " + view.Count(w.seq()) + ". " + m.Text + " Press Space or ▶ Play to go on."
		w.status.at, w.status.seq = now, w.seq()
		w.syncURL(ctx)
	case done.stopped:
		w.ended = true
		w.notice.observe(w.run, w.st.Lesson(), time.Time{})
		w.status.say = "Lesson played: " + view.Count(w.seq()) + " requests. " + summary(w.views)
		w.syncURL(ctx)
	case done.ran > 0:
		w.notice.observe(w.run, w.st.Lesson(), now)
		if now.Sub(w.status.at) >= time.Second || Speeds[w.speed] > 0 && Speeds[w.speed] <= 1 {
			w.status.speak(now, w.views)
		}
	}
}

// reset goes back to the lesson's first request, paused, as the
// playground's Reset does: the teacher talks, then plays or steps.
func (w *Walkthrough) reset(ctx app.Context) {
	if w.index {
		return
	}
	w.restart()
	w.status.say = "Reset: " + w.status.say + ". Back at request 0, paused: press Space or ▶ Play to play the lesson, s to step one request."
	w.syncURL(ctx)
}

// restart loads the lesson again at request 0, paused, at the speed the
// user picked, if any.
func (w *Walkthrough) restart() {
	st := w.st
	st.At, st.Restarts = 0, nil
	auto, speed := w.auto, w.speed
	w.load(st)
	if !auto {
		w.auto = false
		w.setSpeed(speed)
	}
}

// changed says what the player did and keeps the address current.
func (w *Walkthrough) changed(ctx app.Context, a app.Action) {
	seq := w.seq()
	w.notice.observe(w.run, w.st.Lesson(), time.Time{})
	if !w.ended {
		w.limit = w.nextStop() // a step or a skip may pass a marked moment
	}
	switch a.Name {
	case ActionSpeed:
		w.auto = false
		return
	case ActionPlay:
		if w.run != nil && (!w.running && w.run.Stopped() || w.running && seq == w.end()) {
			// As a video player does: Play at the end plays it again from
			// the start (the player has just set a run that can go on playing).
			w.restart()
			w.play(true)
			w.status.say = "Playing the lesson again from its first request; it ends at request " + view.Count(w.end()) + "."
			w.status.at = time.Now()
			w.syncURL(ctx)
			return
		}
		if w.running {
			w.status.say = "Playing from request " + view.Count(seq) + "."
			if w.ended {
				w.status.say += " The lesson's own requests are done: the run goes on."
			}
		} else {
			w.status.say = pausedWords(seq, w.views)
		}
		w.status.at = time.Now()
	case ActionStep:
		if seq >= w.end() {
			w.ended = true
		}
		w.status.say = lastEvent(w.views)
		if m, ok := w.st.Lesson().MarkAt(seq); ok {
			w.status.say += " " + m.Text
		}
	case ActionSkipWarmup:
		if seq >= w.end() {
			w.ended = true
		}
		w.status.say = skipWords(seq, w.theory, w.views)
	case ActionRestart:
		i, _ := a.Value.(int)
		w.st.Restarts = append(w.st.Restarts, view.Restart{Seq: seq, Worker: i})
		w.status.say = fmt.Sprintf("Worker %d restarted after request %s: its cache starts empty.", i, view.Count(seq))
	}
	w.syncURL(ctx)
}

// pausedWords says where a paused run stands.
func pausedWords(seq int64, views []view.System) string {
	return "Paused at request " + view.Count(seq) + ". " + summary(views)
}

// handle wires the lesson page's own controls and keys.
func (w *Walkthrough) handle(ctx app.Context) {
	ctx.Handle(ActionLesson, func(ctx app.Context, a app.Action) {
		d, _ := a.Value.(int)
		if w.index {
			if d > 0 {
				ctx.Navigate(view.LessonURL(rootPrefix(), 0))
			}
			return
		}
		w.goTo(ctx, w.st.Index+d)
	})
	ctx.Handle(ActionPresenter, func(ctx app.Context, a app.Action) {
		w.st.Presenter = !w.st.Presenter
		w.status.say = "Normal view."
		if w.st.Presenter {
			w.status.say = "Presenter view: large type."
		}
		w.syncURL(ctx)
	})
	ctx.Handle(ActionShortcuts, func(ctx app.Context, a app.Action) {
		if d := app.Window().GetElementByID("shortcuts"); d.Truthy() && !d.Get("open").Bool() {
			d.Call("showModal")
		}
	})
	ctx.Handle(ActionReveal, func(ctx app.Context, a app.Action) { w.revealed = !w.revealed })
	ctx.Handle(ActionPickStack, func(ctx app.Context, a app.Action) {
		name, _ := a.Value.(string)
		if name, bad := view.ParseStack(name); bad == "" {
			w.st.Stack = name
			w.syncURL(ctx)
		}
	})
	w.handleTakeAway(ctx)
	w.handleSkip(ctx, w, func() view.Theory { return w.theory })
}

// goTo opens lesson i, keeping the presenter and embed views.
func (w *Walkthrough) goTo(ctx app.Context, i int) {
	if i < 0 || i >= len(lesson.All) || i == w.st.Index {
		return
	}
	st := view.LessonState{Index: i, At: -1, Presenter: w.st.Presenter, Embed: w.st.Embed, Stack: w.st.Stack}
	ctx.Navigate(rootPrefix() + view.LearnPath + "?" + st.Query())
}

// here is the state that reproduces the run as it stands: paused at this request.
func (w *Walkthrough) here() view.LessonState {
	st := w.st
	if w.run != nil {
		st.At = w.run.Seq()
	}
	return st
}

// syncURL writes the state into the address bar without reloading: paused,
// the link reproduces this exact request; playing, the lesson from its start.
func (w *Walkthrough) syncURL(ctx app.Context) {
	if w.index {
		return // the index has no state of its own to keep
	}
	st := w.here()
	if w.running {
		st.At, st.Restarts = -1, nil
	}
	w.query = st.Query()
	replaceURL(ctx, w.query)
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
