package sim

import "testing"

// Live agrees with the engine's own counters: connections in use never
// exceed the pool, and with stampede protection requests wait on fetches.
func TestLive(t *testing.T) {
	c := Default()
	c.Clients, c.Threads, c.OriginConns, c.Coalesce, c.Dist, c.Keys = 32, 8, 3, "worker", "uniform", 4
	s, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	followers, waiting := 0, 0
	for range 2000 {
		s.Step()
		l := s.Live()
		if l.OriginActive > c.OriginConns || l.OriginActive > s.Stats().Origin.Peak {
			t.Fatalf("%d origin connections in use, pool %d, peak %d", l.OriginActive, c.OriginConns, s.Stats().Origin.Peak)
		}
		if o := s.Stats().Origin; l.Fetching < 0 || o.Duplicates > o.Reads+int64(l.Fetching) {
			t.Fatalf("%d duplicate fetches, %d landed and %d under way: a duplicate is a fetch", o.Duplicates, o.Reads, l.Fetching)
		}
		if l.Followers < l.Flights {
			t.Fatalf("%d flights with %d followers", l.Flights, l.Followers)
		}
		followers += l.Followers
		waiting += l.OriginWaiting
	}
	if followers == 0 || waiting == 0 {
		t.Errorf("32 clients on 4 keys, 3 connections, single-flight: followers seen %d, waiting for a connection %d; want both", followers, waiting)
	}
	if s.Stats().Total.Coalesced == 0 {
		t.Errorf("no coalesced reads")
	}
}
