// Package lesson holds the classroom walkthrough: each lesson is prose, a
// system set up for it, and "what to notice" computed from the live numbers.
package lesson

import (
	"fmt"
	"sync"

	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
)

// Lesson is one screen of the walkthrough.
type Lesson struct {
	Slug     string        // URL name: ?lesson=stale-data
	Title    string        // heading
	Teaches  string        // what it teaches, in one line, for the index of lessons
	Prose    []string      // paragraphs, plain text
	Query    string        // the system's settings, as in a shareable link
	Compare  bool          // show a shared cache (or per-worker, for a shared lesson) on the identical requests
	Requests int           // requests the lesson plays automatically
	Script   []run.Request // requests on chosen workers, played before the workload
	Restarts []run.Restart // workers restarted during the run
	Deploys  []run.Deploy  // every worker restarted during the run
	Marks    []Mark        // the moments the page pauses at, in order
	Question string        // asked under the system
	Answer   string        // revealed on demand
	notice   func(Run) []string
}

// Run is what a lesson's notice reads: the live system, and its partner on
// the identical requests when the lesson compares.
type Run struct {
	Config  sim.Config
	Stats   sim.Stats
	Infos   []sim.CacheInfo // cache_info() per worker
	Partner *sim.Stats      // nil unless Compare
	Series  [][]sim.Point   // each system's time series, the lesson's own first
	Live    []sim.Live      // what each system has under way now, the lesson's own first
	lesson  *Lesson
}

// restartSeq is when the lesson restarts worker w, or 0.
func (r Run) restartSeq(w int) int64 {
	if r.lesson != nil {
		for _, x := range r.lesson.Restarts {
			if x.Worker == w {
				return x.Seq
			}
		}
	}
	return 0
}

// Config is the lesson's system. Lessons' queries are checked by tests.
func (l Lesson) Config() sim.Config {
	c, err := sim.ParseQuery(l.Query)
	if err != nil {
		panic(fmt.Sprintf("lesson %s: %v", l.Slug, err))
	}
	return c
}

// Notice says what to look at, with the numbers of r. Before the first
// request every figure a lesson reads is over no request at all: a lesson
// without moments to wait for says so (those with marks say what is coming).
func (l Lesson) Notice(r Run) []string {
	r.lesson = &l
	if r.Stats.Seq == 0 && l.Requests > 0 && len(l.Marks) == 0 {
		return []string{nothingYet}
	}
	return l.notice(r)
}

// nothingYet is a lesson's notice before its first request.
const nothingYet = "No request served yet: press Play, or Step for one request, and the figures to notice appear here."

// hitRatioSoFar is "hit ratio 47.5%", or says that no read is measured yet.
func hitRatioSoFar(st sim.Stats) string {
	if st.Total.Reads == 0 {
		return "no read served yet"
	}
	return "hit ratio " + pct(st.HitRatio)
}

// Text is the lesson's prose, ending with the settings it changes, in
// words. The settings line is worked out when a page first asks for it, not
// at start-up: the playground never does, and parsing every lesson's
// settings as the wasm client started cost its first render tens of
// milliseconds.
func (l Lesson) Text() []string {
	key := l.Slug + "?" + l.Query
	line, ok := settingLines.Load(key)
	if !ok {
		line, _ = settingLines.LoadOrStore(key, l.Settings())
	}
	return append(l.Prose[:len(l.Prose):len(l.Prose)], line.(string))
}

var settingLines sync.Map // slug?query → Settings()

// Index returns the position of the lesson called slug, or -1.
func Index(slug string) int {
	for i, l := range All {
		if l.Slug == slug {
			return i
		}
	}
	return -1
}

// Plan is what lesson l plays: its system, its partner when it compares,
// its script and its restarts, remembering keep recent events.
// A lesson that is only its script ends with it: playing on would be
// another run, not this one.
func (l Lesson) Plan(keep int) run.Plan {
	p := run.Plan{Config: l.Config(), Compare: l.Compare, Script: l.Script, Restarts: l.Restarts, Deploys: l.Deploys, Keep: keep}
	if l.Requests == 0 {
		p.Stop = l.End()
	}
	return p
}

// End is the request number at which the lesson has played all it shows.
func (l Lesson) End() int64 { return int64(len(l.Script) + l.Requests) }

// Play runs lesson l to its end natively, as the browser does.
func Play(l Lesson) (Run, error) {
	r, err := run.New(l.Plan(0))
	if err != nil {
		return Run{}, err
	}
	if err := r.Advance(l.End()); err != nil {
		return Run{}, err
	}
	return Observe(r), nil
}

// Observe reads a lesson's Run from a runner: its first system, and the
// second as the partner when there is one.
func Observe(r *run.Runner) Run {
	sims := r.Sims()
	s := sims[0]
	out := Run{Config: s.Config(), Stats: s.Stats()}
	for i := range out.Config.Workers {
		out.Infos = append(out.Infos, s.Info(i))
	}
	for _, x := range sims {
		out.Series = append(out.Series, x.Series())
		out.Live = append(out.Live, x.Live())
	}
	if len(sims) > 1 {
		st := sims[1].Stats()
		out.Partner = &st
	}
	return out
}

var predictions sync.Map // lesson query → sim.Prediction

// Prediction is Che's prediction for the lesson's system, computed once.
func (l Lesson) Prediction() sim.Prediction {
	if p, ok := predictions.Load(l.Query); ok {
		return p.(sim.Prediction)
	}
	p := sim.Predict(l.Config())
	predictions.Store(l.Query, p)
	return p
}

// begun counts system i's database fetches so far: those that landed, and
// those under way. Duplicates count when a fetch begins, so at a stampede's
// height the landed ones alone can be fewer than the duplicates.
func (r Run) begun(i int, landed int64) int64 {
	if i < len(r.Live) {
		return landed + int64(r.Live[i].Fetching)
	}
	return landed
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
