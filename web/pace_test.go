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
	// the browser's render after a figures-only frame shortens that kind only
	p.render = 10 * time.Millisecond
	if got, want := p.due(now, 0, figuresFrame, false), int64(1000*batchTarget(10*time.Millisecond)/time.Millisecond); got != want {
		t.Errorf("a figures-only frame the browser takes 10 ms to render: %d requests; want %d", got, want)
	}
	if got := p.due(now, 0, drawnFrame, false); got != drawn {
		t.Errorf("a redrawn frame after a 10 ms render: %d requests; want %d, as before", got, drawn)
	}
}

func TestRendered(t *testing.T) {
	var p pace
	for range 40 {
		p.rendered(9 * time.Millisecond)
	}
	if d := p.render - 9*time.Millisecond; d < -100*time.Microsecond || d > 0 {
		t.Errorf("render after forty frames of 9 ms: %v; want about 9 ms", p.render)
	}
	p.rendered(59 * time.Millisecond)
	if want := 19 * time.Millisecond; p.render < want-time.Millisecond || p.render > want+time.Millisecond {
		t.Errorf("one slow render of 59 ms after 9 ms ones: %v; want about %v (smoothed by a fifth)", p.render, want)
	}
}

func TestBatchTarget(t *testing.T) {
	const ms = time.Millisecond
	one, two := frameInterval, 2*frameInterval
	for _, tt := range []struct{ overhead, want time.Duration }{
		{0, one - ms - one/16},          // nothing else to do: most of a frame
		{6 * ms, one - 7*ms - one/16},   // the rest of one refresh period
		{12 * ms, one - 13*ms - one/16}, // little left, but more than the minimum: still one period
		{15 * ms, two - 16*ms - two/16}, // drawing leaves less than the minimum: use two
		{22 * ms, two - 23*ms - two/16}, // the rest of two periods
		{31 * ms, 31 * ms / 2},          // two periods are too short: half as long as the rest
		{40 * ms, 20 * ms},              // drawing is slow: the engine still runs half as long
		{300 * ms, 25 * ms},             // never above 25 ms
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
