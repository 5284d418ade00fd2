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
// requests due since the previous frame; as fast as it goes, a batch sized
// to what is left of a refresh period once the frame is drawn.
type pace struct {
	owed     float64       // requests due but not yet run at slow speeds
	batch    int64         // requests per frame at full speed
	last     time.Time     // previous frame
	overhead time.Duration // smoothed frame time besides the engine
}

// reset starts over, as for a new run.
func (p *pace) reset() { p.owed, p.batch, p.last = 0, 2000, time.Time{} }

// due is how many requests to run now at speed s (requests per second, 0 as
// fast as it goes).
func (p *pace) due(now time.Time, s float64) int64 {
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
		return p.batch
	}
	p.owed += s * dt.Seconds()
	if s < 60 {
		p.owed = max(p.owed, 1) // one request per tick
	}
	n := int64(p.owed)
	p.owed -= float64(n)
	return n
}

// ran sizes the next full-speed batch from the time this one took.
func (p *pace) ran(took time.Duration) {
	p.batch = nextBatch(p.batch, took, batchTarget(p.overhead))
}

// drawn records how long a frame took in all and how much of it was engine
// time: what is left (snapshot, render, waiting for go-app's render tick),
// smoothed, sizes the next batches.
func (p *pace) drawn(total, engine time.Duration) {
	p.overhead = (4*p.overhead + (total - engine)) / 5
}

// maxFrameGap is the longest time between two frames that counts towards
// the requests due at a set speed.
const maxFrameGap = 250 * time.Millisecond

// frameInterval is the screen's refresh period: frames start on
// requestAnimationFrame, so a frame that overruns it waits for the next one.
const frameInterval = time.Second / 60

// batchTarget is how long the engine may run in one frame at full speed: what
// is left of one refresh period (or two, when drawing alone takes most of
// one) after the rest of the frame, less a margin of 2 ms and an eighth.
// When drawing takes longer than that, the engine still gets half as long as
// drawing: every frame redraws the numbers, so a batch cut to the 2 ms floor
// would make a slow page run almost no requests at all.
func batchTarget(overhead time.Duration) time.Duration {
	periods := time.Duration(1)
	if overhead > frameInterval*6/10 {
		periods = 2
	}
	// The margin grows with the budget: an overrun costs a whole period.
	budget := periods * frameInterval
	t := budget - overhead - 2*time.Millisecond - budget/8
	return min(max(t, overhead/2, 2*time.Millisecond), 25*time.Millisecond)
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
