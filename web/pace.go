package web

import (
	"time"

	"github.com/cachepit/cachepit/web/view"
)

// Speeds are the play speeds in requests per second; 0 is as fast as it goes.
var Speeds = []float64{1, 2, 5, 10, 20, 50, 100, 1_000, 10_000, 100_000, 0}

// DefaultSpeed is the speed a page opens with: slow enough to follow requests.
const DefaultSpeed = 5 // 50 req/s

// SpeedLabel names a speed for the speed control: the setting, not a measurement.
func SpeedLabel(i int) string {
	s := Speeds[i]
	if s == 0 {
		return "as fast as it goes"
	}
	return view.Count(int64(s)) + " req/s"
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

// pace decides how many requests each frame runs: at a set speed, the
// requests due since the previous frame; as fast as it goes, as many as the
// engine runs in what is left of a refresh period once the frame is drawn,
// by Go and by the browser. Frames that only move the figures and frames
// that go-app redraws cost different amounts, so each kind keeps its own
// measure of that cost.
type pace struct {
	owed     float64          // requests due but not yet run at slow speeds
	perMs    float64          // requests the engine runs per millisecond, smoothed
	last     time.Time        // previous frame
	overhead [2]time.Duration // smoothed Go time of a frame besides the engine, per kind of frame
	render   time.Duration    // smoothed browser time after a figures-only frame (style, layout, paint)
}

// Kinds of frame: one that moves the figures only, one that go-app redraws.
const (
	figuresFrame = 0
	drawnFrame   = 1
)

// reset starts over, as for a new run.
func (p *pace) reset() { p.owed, p.perMs, p.last = 0, 200, time.Time{} }

// due is how many requests to run now at speed s (requests per second, 0 as
// fast as it goes) in a frame of the given kind; short is true when a
// drawn frame should leave the engine only its minimum (the figures-only
// frames around it carry the speed).
func (p *pace) due(now time.Time, s float64, kind int, short bool) int64 {
	dt := now.Sub(p.last)
	switch {
	case p.last.IsZero():
		dt = frameInterval
	case dt > maxFrameGap:
		// A slow frame still counts in full up to maxFrameGap, so that a
		// page that draws slowly keeps its speed; a longer gap (a hidden
		// tab) does not come back as a burst.
		dt = maxFrameGap
	}
	p.last = now
	if s == 0 {
		rest := p.overhead[kind]
		if kind == figuresFrame {
			rest += p.render
		}
		target := batchTarget(rest)
		if short {
			target = minEngine
		}
		return min(max(int64(p.perMs*float64(target)/float64(time.Millisecond)), 100), 1_000_000)
	}
	p.owed += s * dt.Seconds()
	if s < 60 {
		p.owed = max(p.owed, 1) // one request per tick
	}
	n := int64(p.owed)
	p.owed -= float64(n)
	return n
}

// ran learns the engine's speed from a full-speed batch of n requests that
// took took, moving at most by half or double from one frame to the next.
func (p *pace) ran(n int64, took time.Duration) {
	p.perMs = nextRate(p.perMs, n, took)
}

// drawn records how long a frame of the given kind took in all and how much
// of it was engine time: what is left (snapshot, drawing, waiting for
// go-app's render tick), smoothed, sizes the next batches of that kind.
func (p *pace) drawn(kind int, total, engine time.Duration) {
	p.overhead[kind] = (4*p.overhead[kind] + (total - engine)) / 5
}

// rendered records how long the browser took to draw a figures-only frame
// once its Go code was done.
func (p *pace) rendered(d time.Duration) {
	p.render = (4*p.render + d) / 5
}

// maxEngine is the most time the engine gets in one frame at full speed.
const maxEngine = 25 * time.Millisecond

// maxFrameGap is the longest time between two frames that counts towards
// the requests due at a set speed.
const maxFrameGap = 250 * time.Millisecond

// frameInterval is the screen's refresh period: frames start on
// requestAnimationFrame, so a frame that overruns it waits for the next one.
const frameInterval = time.Second / 60

// minEngine is the least time the engine gets in a frame at full speed.
const minEngine = 2 * time.Millisecond

// batchTarget is how long the engine may run in one frame at full speed,
// given the rest of the frame (Go's own drawing and the browser's): what is
// left of one refresh period, less a margin of 1 ms and a sixteenth; when
// that leaves the engine less than its minimum, what is left of two (an
// overrun costs the second period anyway); when even two periods are too
// short, half as long as the rest, so that a page that draws slowly still
// runs requests.
func batchTarget(rest time.Duration) time.Duration {
	for _, budget := range []time.Duration{frameInterval, 2 * frameInterval} {
		if t := budget - rest - time.Millisecond - budget/16; t >= minEngine {
			return min(t, maxEngine)
		}
	}
	return min(max(rest/2, minEngine), maxEngine)
}

// nextRate is the engine's speed in requests per millisecond after a batch
// of n took took, starting from rate: the measured speed, but at most half
// or double the previous one, and never below 1.
func nextRate(rate float64, n int64, took time.Duration) float64 {
	if took <= 0 {
		return min(rate*2, 1e6)
	}
	r := float64(n) / (float64(took) / float64(time.Millisecond))
	return min(max(r, rate/2, 1), rate*2)
}
