package web

import (
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
)

func TestNextBatch(t *testing.T) {
	const ms = time.Millisecond
	tests := []struct {
		n            int64
		took, target time.Duration
		want         int64
	}{
		{1000, 4 * ms, 8 * ms, 2000},    // fast: grows, at most double
		{1000, 8 * ms, 8 * ms, 1000},    // on target
		{1000, 32 * ms, 8 * ms, 500},    // slow: shrinks, at most half
		{1000, 8 * ms, 4 * ms, 500},     // a smaller target
		{100, time.Second, 8 * ms, 100}, // never below 100
		{900_000, 0, 8 * ms, 1_000_000}, // never above a million
	}
	for _, tt := range tests {
		if got := nextBatch(tt.n, tt.took, tt.target); got != tt.want {
			t.Errorf("nextBatch(%d, %v, %v) = %d; want %d", tt.n, tt.took, tt.target, got, tt.want)
		}
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
	if n := p.due(start, 100); n != 1 {
		t.Fatalf("first frame at 100 req/s: %d requests; want 1", n)
	}
	if n := p.due(start.Add(200*time.Millisecond), 100); n != 20 {
		t.Errorf("a frame 200 ms later at 100 req/s: %d requests; want 20", n)
	}
	if n := p.due(start.Add(10*time.Second), 100); n != 25 {
		t.Errorf("a frame after a 9.8 s gap at 100 req/s: %d requests; want 25 (at most maxFrameGap)", n)
	}
}
