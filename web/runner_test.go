package web

import (
	"reflect"
	"testing"
	"time"

	"github.com/cachepit/cachepit/sim"
)

// The page runs in uneven batches, stepping the last few one by one; the
// result must be the run the engine gives in one go.
func TestRunnerMatchesEngine(t *testing.T) {
	for _, mode := range sim.Modes {
		st := DefaultPage()
		st.Config.Mode, st.Config.Writes, st.Compare = mode, 0.05, true
		r, err := newRunner(st)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int64{1, 5, 12, 13, 700, 3, 4000} {
			if err := r.Advance(n); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range []sim.Config{st.Config, Partner(st.Config)} {
			s, _ := sim.New(c)
			s.Run(4734)
			if got, want := r.sims[i].Stats(), s.Stats(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, system %d: page's stats differ from one engine run:\n got %+v\nwant %+v", mode, i, got, want)
			}
		}
		if got := len(r.Events(0)); got != keepEvents {
			t.Errorf("%s: %d recent events kept; want %d", mode, got, keepEvents)
		}
	}
}

func TestRunnerReplaysRestarts(t *testing.T) {
	st := DefaultPage()
	st.Restarts = []Restart{{Seq: 100, Worker: 1}, {Seq: 100, Worker: 2}, {Seq: 2500, Worker: 0}}
	r, err := newRunner(st)
	if err != nil {
		t.Fatal(err)
	}
	r.Advance(3000)
	s, _ := sim.New(st.Config)
	s.Run(100)
	s.Restart(1)
	s.Restart(2)
	s.Run(2400)
	s.Restart(0)
	s.Run(500)
	if got, want := r.sims[0].Stats(), s.Stats(); !reflect.DeepEqual(got, want) {
		t.Errorf("restarts replayed differently:\n got %+v\nwant %+v", got, want)
	}
	if got := r.Restarts(); !reflect.DeepEqual(got, st.Restarts) {
		t.Errorf("Restarts() = %v; want %v", got, st.Restarts)
	}
}

func TestPartner(t *testing.T) {
	for mode, want := range map[string]string{"local": "shared", "shared": "local", "tiered": "local"} {
		c := sim.Default()
		c.Mode = mode
		if got := Partner(c); got.Mode != want || got.Seed != c.Seed || got.Workers != c.Workers {
			t.Errorf("Partner(%s) = %s; want %s with the rest unchanged", mode, got.Mode, want)
		}
	}
}

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
		{40 * ms, 2 * ms},              // never below 2 ms
	} {
		if got := batchTarget(tt.overhead); got != tt.want {
			t.Errorf("batchTarget(%v) = %v; want %v", tt.overhead, got, tt.want)
		}
	}
}
