package web

import (
	"sync/atomic"
	"time"

	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Playground is the page: the system picture, controls, charts, the
// comparison and the post's replay. Its state comes from the URL.
type Playground struct {
	app.Compo

	state    PageState
	run      *runner
	views    []View
	running  bool
	speed    int // index into Speeds
	notices  []string
	failure  string // a panic in the run, shown with a reset button
	blog     []sim.BlogStep
	blogErr  string
	headline string // the comparison's long-run sentence, computed once per config
	charts   []ChartData
	theory   Theory // Che's predictions beside the measured hit ratio
	theoryOK bool   // the key space is small enough to predict at once

	owed     float64   // requests due but not yet run at slow speeds
	batch    int64     // requests per frame at full speed
	last     time.Time // previous frame
	rateAt   time.Time // start of the rate measurement
	rateSeq  int64     // Seq at rateAt
	rate     string
	cost     time.Duration // Go time of frames (engine, snapshot, render) since rateAt
	costN    int
	overhead time.Duration // smoothed frame time besides the engine
	detail   time.Time     // when cache contents, trace and charts were last redrawn

	clock                // paces the frames
	updates atomic.Int64 // frames drawn, for the speed benchmark
}

// DefaultSpeed is the speed a page opens with: slow enough to follow requests.
const DefaultSpeed = 5 // 50 req/s

func (p *Playground) OnMount(ctx app.Context) {
	st, notes := ParsePage(app.Window().URL().RawQuery)
	p.notices = notes
	p.speed = DefaultSpeed
	p.setSpeed(p.speed)
	p.handleActions(ctx)
	p.load(ctx, st)
	p.running = st.At < 0
	p.live.Store(p.running)
	p.clock.start(ctx, p.frame)
	// data-ready tells tests and the benchmark that the client has drawn the
	// run: milliseconds since navigation, after the first full render.
	ctx.Defer(func(app.Context) {
		app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-ready",
			app.Window().Get("performance").Call("now").Float())
	})
}

// load builds the systems for st and runs them to st.At.
func (p *Playground) load(ctx app.Context, st PageState) {
	p.failure = ""
	p.state = st
	p.blog, p.blogErr = nil, ""
	p.headline = ""
	p.theory, p.theoryOK = TheoryFor(st.Config)
	if st.Compare && p.theoryOK {
		p.headline = Headline(p.theory)
	}
	if steps, err := sim.Blog(st.Config.Mode); err != nil {
		p.blogErr = err.Error()
	} else {
		p.blog = steps
	}
	msg := safely(func() {
		r, err := newRunner(st)
		if err != nil {
			p.notices = append(p.notices, err.Error())
			st.Config = sim.Default()
			p.state = st
			r, _ = newRunner(st)
		}
		p.run = r
		if st.At > 0 {
			if err := r.Advance(st.At); err != nil {
				p.notices = append(p.notices, err.Error())
			}
		}
		p.views = p.full()
	})
	if msg != "" {
		p.fail(msg)
	}
	p.owed, p.batch, p.last = 0, 2000, time.Time{}
}

func (p *Playground) fail(msg string) {
	p.failure = msg
	p.running = false
	p.live.Store(false)
}

func (p *Playground) setSpeed(i int) {
	p.speed = p.clock.setSpeed(i)
	p.owed = 0
}

// frame runs the requests due since the previous frame and redraws.
func (p *Playground) frame(ctx app.Context) {
	// The next frame may start once this one is on screen: Defer runs after
	// go-app has rendered the update.
	start := time.Now()
	var ran time.Duration // engine time of this frame
	defer ctx.Defer(func(app.Context) {
		p.pending.Store(false)
		total := time.Since(start)
		p.cost += total
		p.costN++
		// What a frame costs besides the engine: snapshot, render, waiting
		// for go-app's render tick. Smoothed, it sizes the next batches.
		p.overhead = (4*p.overhead + (total - ran)) / 5
	})
	if !p.running || p.run == nil {
		return
	}
	now := time.Now()
	dt := now.Sub(p.last)
	if p.last.IsZero() || dt > 100*time.Millisecond {
		dt = time.Second / 60
	}
	p.last = now
	var n int64
	if s := Speeds[p.speed]; s > 0 {
		p.owed += s * dt.Seconds()
		if s < 60 {
			p.owed = max(p.owed, 1) // one request per tick
		}
		n = int64(p.owed)
		p.owed -= float64(n)
	} else {
		n = p.batch
	}
	if n == 0 {
		return
	}
	runStart := time.Now()
	msg := safely(func() {
		if err := p.run.Advance(n); err != nil {
			p.notices = append(p.notices, err.Error())
		}
		p.views = p.snapshot(now)
	})
	if msg != "" {
		p.fail(msg)
		return
	}
	if Speeds[p.speed] == 0 {
		ran = time.Since(runStart)
		p.batch = nextBatch(p.batch, ran, batchTarget(p.overhead))
	}
	p.measure(now)
	p.updates.Add(1)
}

// frameInterval is the screen's refresh period: frames start on
// requestAnimationFrame, so a frame that overruns it waits for the next one.
const frameInterval = time.Second / 60

// batchTarget is how long the engine may run in one frame at full speed: what
// is left of one refresh period (or two, when drawing alone takes most of
// one) after the rest of the frame, less a margin of 2 ms and an eighth.
func batchTarget(overhead time.Duration) time.Duration {
	periods := time.Duration(1)
	if overhead > frameInterval*6/10 {
		periods = 2
	}
	// The margin grows with the budget: an overrun costs a whole period.
	budget := periods * frameInterval
	t := budget - overhead - 2*time.Millisecond - budget/8
	return min(max(t, 2*time.Millisecond), 25*time.Millisecond)
}

// nextBatch sizes the next full-speed batch so that running it takes about
// target, changing by at most half or double from one frame to the next.
func nextBatch(n int64, took, target time.Duration) int64 {
	if took <= 0 {
		return min(n*2, 1_000_000)
	}
	next := int64(float64(n) * float64(target) / float64(took))
	next = min(max(next, n/2, 100), n*2, 1_000_000)
	return next
}

func (p *Playground) measure(now time.Time) {
	seq := p.run.Seq()
	if p.rateAt.IsZero() {
		p.rateAt, p.rateSeq = now, seq
		return
	}
	if d := now.Sub(p.rateAt); d >= time.Second {
		p.rate = Count(int64(float64(seq-p.rateSeq)/d.Seconds())) + " req/s"
		p.rateAt, p.rateSeq = now, seq
		if p.costN > 0 {
			// For the speed benchmark: mean Go time per screen update.
			app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-frame-ms",
				float64(p.cost.Microseconds())/1000/float64(p.costN))
		}
		p.cost, p.costN = 0, 0
	}
}

// detailEvery is how often the worker cards, cache contents, the request
// trace and the charts are redrawn when requests go by faster than anyone can
// read them: the headline numbers still change on every frame, the costly
// parts a few times a second.
const detailEvery = 200 * time.Millisecond

// snapshot draws everything when detail is due, else only the headline
// numbers, reusing the cards, caches, trace and charts of the last full one.
func (p *Playground) snapshot(now time.Time) []View {
	s := Speeds[p.speed]
	if (s > 0 && s <= 100) || now.Sub(p.detail) >= detailEvery || len(p.views) != len(p.run.sims) {
		p.detail = now
		return p.full()
	}
	views := make([]View, len(p.views))
	for i, old := range p.views {
		views[i] = old
		views[i].Stats = p.run.sims[i].Stats()
	}
	return views
}

// full snapshots every part of the systems and computes the charts.
func (p *Playground) full() []View {
	views := p.run.Views()
	p.charts = Charts(views)
	return views
}
