package web

import (
	"testing"

	"github.com/cachepit/cachepit/web/view"
)

// TestFigureIDs: the ids the figures write to are the ids the components
// draw, asked for the first time and again.
func TestFigureIDs(t *testing.T) {
	var f figures
	w := view.Worker{System: 1}
	w.Stats.ID = 12
	for range 2 {
		for _, c := range []struct {
			sys, worker int
			part, want  string
		}{
			{1, 12, "", cardID(w)},
			{1, 12, "info", cardID(w) + "-info"},
			{0, 3, "thread-boxes", "s0-w3-thread-boxes"},
			{1, -1, "", "sys-1"},
			{0, -1, "backlog", "s0-backlog"},
		} {
			if got := f.id(c.sys, c.worker, c.part); got != c.want {
				t.Errorf("id(%d, %d, %q) = %q; want %q", c.sys, c.worker, c.part, got, c.want)
			}
		}
	}
}
