package sim

import "testing"

// A recycled worker's replacement accepts respawn + boot after its last
// request (with preload, respawn + a fork); the next request waits for it.
func TestRespawnDelaysReplacement(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want int64 // µs from the last request's answer to the replacement accepting
	}{
		{"", 0},
		{"&boot=200ms", 200_000},
		{"&respawn=300ms", 300_000},
		{"&boot=200ms&respawn=300ms", 500_000},
		{"&boot=200ms&respawn=300ms&preload=true", 300_000 + forkMicros},
	} {
		s := newTest(t, "workers=1&max-requests=10&writes=0&cost-origin=1000"+tc.q)
		var ev Event
		for range 10 {
			ev = s.Step()
		}
		if !ev.Recycled {
			t.Fatalf("%q: request 10 did not recycle", tc.q)
		}
		last := s.Now()
		if w := s.Stats().Workers[0]; w.ReadyAt != last+tc.want || w.Up != (tc.want == 0) {
			t.Errorf("%q: ReadyAt %d, up %v at %d; want ReadyAt %d", tc.q, w.ReadyAt, w.Up, last, last+tc.want)
		}
		if next := s.Step(); int64(next.Wait) != tc.want {
			t.Errorf("%q: the next request waited %d µs; want %d", tc.q, next.Wait, tc.want)
		}
	}
}

// A deploy (gunicorn's HUP) forks the new workers at once: only boot. A
// rolling deploy replaces workers one by one, each after the old is reaped.
func TestRespawnOnDeploys(t *testing.T) {
	for _, rolling := range []bool{false, true} {
		s := newTest(t, "workers=2&boot=200ms&respawn=300ms")
		s.Run(5)
		now := s.Now()
		s.RestartAll(rolling)
		want := now + 200_000
		if rolling {
			want += 300_000
		}
		if got := s.Stats().Workers[0].ReadyAt; got != want {
			t.Errorf("rolling %v: worker 0 ready at %d; want %d", rolling, got, want)
		}
	}
}
