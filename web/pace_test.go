package web

import (
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
)

func TestNextRate(t *testing.T) {
	const ms = time.Millisecond
	tests := []struct {
		rate float64
		n    int64
		took time.Duration
		want float64
	}{
		{100, 1000, 8 * ms, 125},  // measured
		{100, 1000, 2 * ms, 200},  // fast: grows, at most double
		{100, 1000, 100 * ms, 50}, // slow: shrinks, at most half
		{1.5, 1, time.Second, 1},  // never below 1
		{100, 1000, 0, 200},       // too fast to time: double
	}
	for _, tt := range tests {
		if got := nextRate(tt.rate, tt.n, tt.took); got != tt.want {
			t.Errorf("nextRate(%v, %d, %v) = %v; want %v", tt.rate, tt.n, tt.took, got, tt.want)
		}
	}
}

func TestDueFullSpeed(t *testing.T) {
	var p pace
	p.reset()
	p.perMs = 1000
	now := time.Unix(0, 0)
	figures := p.due(now, 0, figuresFrame, false)
	p.overhead[drawnFrame] = 30 * time.Millisecond
	drawn := p.due(now, 0, drawnFrame, false)
	short := p.due(now, 0, drawnFrame, true)
	// each kind of frame is sized by its own cost besides the engine
	if want := int64(1000 * batchTarget(0) / time.Millisecond); figures != want {
		t.Errorf("a cheap frame at 1,000 requests/ms: %d requests; want %d", figures, want)
	}
	if want := int64(1000 * batchTarget(30*time.Millisecond) / time.Millisecond); drawn != want || short != 2000 {
		t.Errorf("a frame with 30 ms of drawing: %d requests, %d when short; want %d, and 2,000 when short", drawn, short, want)
	}
}

func TestBatchTarget(t *testing.T) {
	const ms = time.Millisecond
	one, two := frameInterval, 2*frameInterval
	for _, tt := range []struct{ overhead, want time.Duration }{
		{0, one - 2*ms - one/8},        // nothing else to do: most of a frame
		{6 * ms, one - 8*ms - one/8},   // the rest of one refresh period
		{15 * ms, two - 17*ms - two/8}, // drawing takes a period: use two
		{22 * ms, 11 * ms},             // drawing takes most of two: half as long as drawing
		{40 * ms, 20 * ms},             // drawing is slow: the engine still runs half as long
		{300 * ms, 25 * ms},            // never above 25 ms
	} {
		if got := batchTarget(tt.overhead); got != tt.want {
			t.Errorf("batchTarget(%v) = %v; want %v", tt.overhead, got, tt.want)
		}
	}
}

func TestLessonSpeed(t *testing.T) {
	for _, l := range lesson.All {
		s := Speeds[lessonSpeed(l)]
		if l.Requests > 0 && (s == 0 || float64(l.Requests)/s > 6 || float64(l.Requests)/s < 0.5) {
			t.Errorf("%s: %d requests at %v req/s", l.Slug, l.Requests, s)
		}
	}
}

func TestDueCountsSlowFrames(t *testing.T) {
	var p pace
	p.reset()
	start := time.Unix(0, 0)
	if n := p.due(start, 100, figuresFrame, false); n != 1 {
		t.Fatalf("first frame at 100 req/s: %d requests; want 1", n)
	}
	if n := p.due(start.Add(200*time.Millisecond), 100, figuresFrame, false); n != 20 {
		t.Errorf("a frame 200 ms later at 100 req/s: %d requests; want 20", n)
	}
	if n := p.due(start.Add(10*time.Second), 100, figuresFrame, false); n != 25 {
		t.Errorf("a frame after a 9.8 s gap at 100 req/s: %d requests; want 25 (at most maxFrameGap)", n)
	}
}

func TestFits(t *testing.T) {
	const ms = time.Millisecond
	var p pace
	p.reset()
	start := p.fit
	p.fits(frameInterval) // kept the rate: already at the most
	if p.fit != start {
		t.Errorf("a frame that kept the rate at the most: fit %v; want %v", p.fit, start)
	}
	p.fits(2 * frameInterval) // missed one refresh: shrink
	if want := start * 3 / 4; p.fit != want {
		t.Errorf("after missing one refresh: fit %v; want %v", p.fit, want)
	}
	p.fits(100 * ms) // the page lost the processor: no change
	if want := start * 3 / 4; p.fit != want {
		t.Errorf("after a 100 ms gap: fit %v; want %v (unchanged)", p.fit, want)
	}
	for range 100 {
		p.fits(2 * frameInterval)
	}
	if p.fit != minEngine {
		t.Errorf("after many misses: fit %v; want the least, %v", p.fit, minEngine)
	}
	p.fits(frameInterval)
	if want := minEngine + fitStep; p.fit != want {
		t.Errorf("a frame that kept the rate: fit %v; want %v", p.fit, want)
	}
}

func TestDueLearnsFit(t *testing.T) {
	var p pace
	p.reset()
	p.perMs = 1000
	p.fit = 4 * time.Millisecond
	now := time.Unix(0, 0)
	p.due(now, 0, figuresFrame, false)
	now = now.Add(2 * frameInterval) // the figures frame missed one refresh
	n := p.due(now, 0, figuresFrame, false)
	if want := int64(3000); n != want {
		t.Errorf("after a figures frame that missed one refresh: %d requests; want %d", n, want)
	}
	p.due(now, 0, drawnFrame, false)
	before := p.fit
	p.due(now.Add(2*frameInterval), 0, figuresFrame, false) // after a drawn frame: no lesson
	if p.fit != before {
		t.Errorf("the gap after a drawn frame changed fit %v -> %v", before, p.fit)
	}
}
