package web

import (
	"time"

	"github.com/cachepit/cachepit/lesson"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Walkthrough is the classroom page: one lesson at a time, its prose beside
// its live system, run automatically, with what to notice computed from the
// numbers on screen. Its state comes from the URL (see LessonState).
type Walkthrough struct {
	app.Compo

	st         LessonState
	query      string // the query the state was loaded from
	notices    []string
	failure    string
	run        *runner
	views      []View
	notice     []string // what to notice, from the live systems
	running    bool
	ended      bool // the lesson's own requests have all been played
	speed      int  // index into Speeds
	auto       bool // speed chosen by the lesson, not the user
	revealed   bool
	say        string    // the live region's text
	saidAt     time.Time // when say last changed while playing
	saidSeq    int64
	link       string // the copied link, shown selected when the clipboard is refused
	linkNote   string
	owed       float64
	last       time.Time
	release    func() // removes the keyboard listener
	theory     Theory
	observedAt time.Time // when notice was last computed while playing

	clock // paces the frames
}

// slowStart is how many requests a lesson plays slowly before its own speed,
// so that a class sees single requests go through first.
const slowStart = 6

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

// speedIndex finds the index of s in Speeds.
func speedIndex(s float64) int {
	for i, v := range Speeds {
		if v == s {
			return i
		}
	}
	return 0
}

func (w *Walkthrough) OnMount(ctx app.Context) {
	w.handleActions(ctx)
	w.release = app.Window().AddEventListener("keydown", w.onKey)
	w.clock.start(ctx, w.frame)
}

func (w *Walkthrough) OnDismount() {
	if w.release != nil {
		w.release()
		w.release = nil
	}
	w.live.Store(false)
}

// OnNav loads the lesson the URL names: on the first load, after a lesson
// link, and on the browser's back and forward buttons.
func (w *Walkthrough) OnNav(ctx app.Context) {
	q := ctx.Page().URL().RawQuery
	if q == w.query && w.run != nil {
		return
	}
	st, notes := ParseLesson(q)
	w.query = q
	w.notices = notes
	w.load(st)
	ctx.Page().SetTitle(st.Lesson().Title + " · cachepit")
	w.syncURL(ctx)
	w.ready(ctx)
}

// ready marks the page as drawn by the running client, for tests.
func (w *Walkthrough) ready(ctx app.Context) {
	if !app.IsClient {
		return
	}
	ctx.Defer(func(app.Context) {
		app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-ready",
			app.Window().Get("performance").Call("now").Float())
	})
}

// load builds the lesson's systems, plays its script, and runs them to st.At.
func (w *Walkthrough) load(st LessonState) {
	w.st = st
	w.failure, w.revealed, w.ended = "", false, false
	w.link, w.linkNote = "", ""
	l := st.Lesson()
	w.auto = true
	w.setSpeed(lessonSpeed(l))
	w.theory = l.Prediction()
	msg := safely(func() {
		r, err := newLessonRunner(l, st.pageState())
		if err != nil {
			w.notices = append(w.notices, err.Error())
			return
		}
		w.run = r
		if st.At > 0 {
			if err := r.Advance(st.At - r.Seq()); err != nil {
				w.notices = append(w.notices, err.Error())
			}
		}
		w.views = r.Views()
	})
	if msg != "" {
		w.fail(msg)
		return
	}
	w.ended = w.run != nil && w.run.Seq() >= w.end()
	w.running = st.At < 0 && !w.ended
	w.live.Store(w.running)
	w.owed, w.last = 0, time.Time{}
	w.observe()
	w.say = w.title()
	if w.ended {
		w.say += ". " + w.summary()
	}
}

// end is the request number at which the lesson has played all it shows.
func (w *Walkthrough) end() int64 {
	l := w.st.Lesson()
	return int64(len(l.Script) + l.Requests)
}

// observe recomputes what to notice from the live systems.
func (w *Walkthrough) observe() {
	if w.run == nil {
		w.notice = nil
		return
	}
	w.notice = w.st.Lesson().Notice(observeRunner(w.run))
}

func (w *Walkthrough) fail(msg string) {
	w.failure = msg
	w.running = false
	w.live.Store(false)
}

func (w *Walkthrough) setSpeed(i int) {
	w.speed = w.clock.setSpeed(i)
	w.owed = 0
}

// frame plays the requests due since the previous frame, stopping at the
// lesson's end the first time through.
func (w *Walkthrough) frame(ctx app.Context) {
	defer w.pending.Store(false)
	if !w.running || w.run == nil {
		return
	}
	seq := w.run.Seq()
	if w.auto {
		want := lessonSpeed(w.st.Lesson())
		if seq < int64(len(w.st.Lesson().Script))+slowStart {
			want = speedIndex(5)
		}
		if want != w.speed {
			w.setSpeed(want)
		}
	}
	now := time.Now()
	dt := now.Sub(w.last)
	if w.last.IsZero() || dt > 100*time.Millisecond {
		dt = time.Second / 60
	}
	w.last = now
	var n int64
	if s := Speeds[w.speed]; s > 0 {
		w.owed += s * dt.Seconds()
		if s < 60 {
			w.owed = max(w.owed, 1)
		}
		n = int64(w.owed)
		w.owed -= float64(n)
	} else {
		n = 50_000
	}
	if !w.ended {
		n = min(n, w.end()-seq)
	}
	if !w.ended && seq >= w.end() {
		w.finish(ctx)
		return
	}
	if n <= 0 {
		return
	}
	w.advance(n)
	if !w.ended && w.run != nil && w.run.Seq() >= w.end() {
		w.finish(ctx)
		return
	}
	if now.Sub(w.observedAt) >= observeEvery {
		w.observe()
		w.observedAt = now
	}
	if now.Sub(w.saidAt) >= time.Second || Speeds[w.speed] > 0 && Speeds[w.speed] <= 1 {
		w.speak(now)
	}
}

// advance runs n requests in every system and redraws, turning a panic
// into the error banner.
func (w *Walkthrough) advance(n int64) {
	if w.run == nil || w.failure != "" {
		return
	}
	msg := safely(func() {
		if err := w.run.Advance(n); err != nil {
			w.notices = append(w.notices, err.Error())
		}
		w.views = w.run.Views()
	})
	if msg != "" {
		w.fail(msg)
	}
}

// observeEvery is how often what-to-notice is recomputed while playing:
// some lessons' lines run Che's approximation, too dear for every frame.
const observeEvery = 150 * time.Millisecond

// finish pauses at the end of the lesson's own requests.
func (w *Walkthrough) finish(ctx app.Context) {
	w.ended = true
	w.observe()
	w.pause()
	w.say = "Lesson played: " + Count(w.run.Seq()) + " requests. " + w.summary()
	w.syncURL(ctx)
}
