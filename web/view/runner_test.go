package view

import (
	"reflect"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// The page runs in uneven batches, stepping the last few one by one; the
// result must be the run the engine gives in one go.
func TestRunnerMatchesEngine(t *testing.T) {
	for _, mode := range sim.Modes {
		st := DefaultPage()
		st.Config.Mode, st.Config.Writes, st.Compare = mode, 0.05, true
		r, err := NewRunner(st)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int64{1, 5, 12, 13, 700, 3, 4000} {
			if err := r.Advance(n); err != nil {
				t.Fatal(err)
			}
		}
		cfgs := []sim.Config{st.Config, Partner(st.Config)}
		if mode != "local" { // per-worker caches on the left
			cfgs[0], cfgs[1] = cfgs[1], cfgs[0]
		}
		for i, c := range cfgs {
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
	r, err := NewRunner(st)
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
