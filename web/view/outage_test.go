package view

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func TestToggleOutage(t *testing.T) {
	for _, c := range []struct {
		list   string
		target int
		now    int64
		want   string
	}{
		{"", -1, 2_500_400, "shared@2501ms-"},
		{"shared@2501ms-", -1, 4_000_000, "shared@2501ms-4001ms"},
		{"shared@2501ms-", -1, 2_000_000, ""},
		{"shared@2501ms-3602501ms", -1, 4_000_000, "shared@2501ms-4001ms"}, // a link written before the open end
		{"shared@1s-2s", -1, 3_000_000, "shared@1s-2s,shared@3001ms-"},
		{"shared@1s-2h", 1, 5_000_000, "shared@1s-2h,host1@5001ms-"},
		{"shared@1s-2h,host1@2s-", 1, 5_000_000, "shared@1s-2h,host1@2s-5001ms"},
		{"shared@1s-5001ms", -1, 5_000_000, "shared@1s-5001ms,shared@5001ms-"},
	} {
		if got := ToggleOutage(c.list, c.target, c.now); got != c.want {
			t.Errorf("ToggleOutage(%q, %d, %d) = %q; want %q", c.list, c.target, c.now, got, c.want)
		}
	}
}

func TestOutageOpen(t *testing.T) {
	for _, c := range []struct {
		list   string
		target int
		now    int64
		want   bool
	}{
		{"", -1, 0, false},
		{"shared@2s-4s", -1, 1_000_000, true},
		{"shared@2s-4s", -1, 3_000_000, true},
		{"shared@2s-4s", -1, 4_000_000, false},
		{"shared@2s-4s", 0, 3_000_000, false},
		{"shared@2s-4s,host0@1s-5s", 0, 3_000_000, true},
		{"shared@2s-", -1, 9_000_000_000, true},
		{"shared@2s-3001ms", -1, 3_000_500, false}, // brought back at 3.0005 s
	} {
		if got := OutageOpen(c.list, c.target, c.now); got != c.want {
			t.Errorf("OutageOpen(%q, %d, %d) = %v; want %v", c.list, c.target, c.now, got, c.want)
		}
	}
}

// The note says which compared system each outage reaches, and the button's
// moment is one no system has passed.
func TestOutageNote(t *testing.T) {
	shared := System{Title: "Shared cache", Config: sim.Config{Mode: "shared"}, Stats: sim.Stats{Now: 3_000_000}}
	local := System{Title: "Per-worker caches", Config: sim.Config{Mode: "local"}, Stats: sim.Stats{Now: 2_500_000}}
	c := sim.Config{Outage: "shared@2s-,host1@2500ms-4s"}
	got := strings.Join(OutageNote(c, []System{shared, local}), "\n")
	for _, w := range []string{
		"The shared cache's outage (from 2.000 s) reaches only “Shared cache”: “Per-worker caches” has no shared cache",
		"Host 1's outage (2.500 s to 4.000 s) reaches both sides",
		"(“Per-worker caches” is at 2.500 s, “Shared cache” at 3.000 s), so the two reach it at different requests: “Per-worker caches”, whose clock runs behind, later.",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("note %q; want %q", got, w)
		}
	}
	if got := OutageNote(c, []System{shared}); len(got) != 0 {
		t.Errorf("one system with a shared cache: note %q; want none", got)
	}
	if got := OutageNote(c, []System{local}); len(got) != 1 || !strings.Contains(got[0], "changes nothing here") {
		t.Errorf("one system without a shared cache: note %q", got)
	}
	if m := OutageMoment([]System{shared, local}, 1); m != 3_000_000 {
		t.Errorf("host outage moment %d; want the later clock, 3000000", m)
	}
	if m := OutageMoment([]System{local, shared}, -1); m != 3_000_000 {
		t.Errorf("shared outage moment %d; want the shared side's clock", m)
	}
	local.Stats.Now = 4_000_000
	if m := OutageMoment([]System{shared, local}, -1); m != 3_000_000 {
		t.Errorf("shared outage moment %d; want the shared side's clock, not the per-worker side's", m)
	}
}
