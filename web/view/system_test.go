package view

import (
	"reflect"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// Refreshing an older snapshot gives every number a new snapshot gives:
// only the cache contents and the series may lag.
func TestRefreshMatchesSnapshot(t *testing.T) {
	for _, mode := range sim.Modes {
		c := sim.Default()
		c.Mode, c.Writes, c.MaxRequests = mode, 0.05, 500
		s, err := sim.New(c)
		if err != nil {
			t.Fatal(err)
		}
		s.Run(1000)
		old := Snapshot("t", 1, s, nil)
		var last []sim.Event
		for range 300 {
			last = append(last, s.Step())
		}
		last = last[len(last)-keepEvents:]
		got, want := Refresh(old, 1, s, last), Snapshot("t", 1, s, last)
		if !reflect.DeepEqual(got.Stats, want.Stats) || !reflect.DeepEqual(got.Last, want.Last) {
			t.Errorf("%s: refreshed stats or events differ from a new snapshot", mode)
		}
		for i := range want.Workers {
			g, w := got.Workers[i], want.Workers[i]
			g.Cache.Entries, g.Cache.Dups, w.Cache.Entries, w.Cache.Dups = nil, nil, nil, nil
			g.Cache.Hidden, w.Cache.Hidden = 0, 0
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s: worker %d refreshed %+v; snapshot %+v", mode, i, g, w)
			}
		}
		if got.Shared.Size != want.Shared.Size || got.Shared.Max != want.Shared.Max {
			t.Errorf("%s: shared cache refreshed %d/%d; snapshot %d/%d", mode, got.Shared.Size, got.Shared.Max, want.Shared.Size, want.Shared.Max)
		}
	}
}
