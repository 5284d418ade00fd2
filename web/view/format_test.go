package view

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{Count(0), "0"},
		{Count(999), "999"},
		{Count(1000), "1,000"},
		{Count(int64(-1234567)), "-1,234,567"},
		{Pct(0), "0.0%"},
		{Pct(0.8126), "81.3%"},
		{Pct(1), "100.0%"},
		{Micros(1), "1 µs"},
		{Micros(999), "999 µs"},
		{Micros(5000), "5.0 ms"},
		{Micros(2_000_000), "2.00 s"},
		{ResponseTime(sim.Stats{}, 0), "–"},
		{ResponseTime(sim.Stats{Seq: 1}, 0), "0 µs"},
		{ResponseTime(sim.Stats{Seq: 3}, 1500), "1.5 ms"},
		{InfoLine(sim.CacheInfo{Hits: 1, Misses: 2, Maxsize: 3, Currsize: 2}), "CacheInfo(hits=1, misses=2, maxsize=3, currsize=2)"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q; want %q", i, tt.got, tt.want)
		}
	}
}

func TestMarkOf(t *testing.T) {
	tests := []struct {
		e    sim.Event
		want Mark
	}{
		{sim.Event{Op: sim.Write, From: sim.Origin}, WriteOp},
		{sim.Event{Op: sim.Read, From: sim.Local, Hit: true}, LocalHit},
		{sim.Event{Op: sim.Read, From: sim.Shared, Hit: true}, SharedHit},
		{sim.Event{Op: sim.Read, From: sim.Origin}, Miss},
		{sim.Event{Op: sim.Read, From: sim.Local, Hit: true, Stale: true}, StaleRead},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		got := MarkOf(tt.e)
		if got != tt.want {
			t.Errorf("MarkOf(%+v) = %v; want %v", tt.e, got, tt.want)
		}
		if seen[got.Symbol()] {
			t.Errorf("symbol %q used twice: hit, miss and stale must differ by shape", got.Symbol())
		}
		seen[got.Symbol()] = true
	}
}

func TestChipBudget(t *testing.T) {
	tests := []struct{ workers, want int }{{1, 24}, {4, 24}, {8, 16}, {16, 8}, {64, 8}, {256, 8}}
	for _, tt := range tests {
		if got := ChipBudget(tt.workers); got != tt.want {
			t.Errorf("chipBudget(%d) = %d; want %d", tt.workers, got, tt.want)
		}
	}
}

func TestNiceCeil(t *testing.T) {
	tests := []struct{ in, want float64 }{{0, 1}, {0.8, 1}, {0.3, 0.5}, {7, 10}, {12, 20}, {101, 200}, {5000, 5000}}
	for _, tt := range tests {
		if got := NiceCeil(tt.in); got != tt.want {
			t.Errorf("niceCeil(%v) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

// An axis of counts topping at 1 labels its middle 0.5, not 0 (NiceCeil's
// small tops halve to fractions).
func TestUnitCountTicks(t *testing.T) {
	count := Unit("")
	for _, tt := range []struct {
		in   float64
		want string
	}{{0.5, "0.5"}, {0.25, "0.25"}, {1, "1"}, {2500, "2,500"}, {0, "0"}} {
		if got := count(tt.in); got != tt.want {
			t.Errorf("Unit(\"\")(%v) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// A chart's axis tops at its highest value over every line, rounded up.
func TestChartTop(t *testing.T) {
	d := ChartData{Lines: []Line{{Values: []float64{3, 7}}, {Values: []float64{12, 1}}}}
	if got := d.Top(); got != 20 {
		t.Errorf("Top() = %v; want 20", got)
	}
	if got := (ChartData{}).Top(); got != 1 {
		t.Errorf("Top() of no lines = %v; want 1", got)
	}
}

func TestKeys(t *testing.T) {
	c := sim.Default()
	c.Keys, c.Dist = 20, "uniform"
	if got, want := Keys(c), "20 keys (uniform)"; got != want {
		t.Errorf("Keys(20 uniform) = %q; want %q", got, want)
	}
	c.Keys = 1 // lesson 1: the post's function, no popularity to speak of
	if got, want := Keys(c), "1 key (a function without arguments)"; got != want {
		t.Errorf("Keys(1) = %q; want %q", got, want)
	}
}

// The latency chart plots p95, which no tile shows: its note says the
// tiles give p50 and p99 of the whole run (review, item 17).
func TestLatencyChartNamesTheTiles(t *testing.T) {
	found := false
	for _, c := range Charts(nil) {
		if c.ID == "chart-latency" {
			found = true
			if !strings.Contains(c.Note, "the tiles give p50 and p99 over the whole run") {
				t.Errorf("latency chart note %q does not say what the tiles show", c.Note)
			}
		}
	}
	if !found {
		t.Error("no latency chart")
	}
}

func TestEntries(t *testing.T) {
	if got := Entries(1) + ", " + Entries(1200); got != "1 entry, 1,200 entries" {
		t.Errorf("Entries = %q", got)
	}
}

// The toolbar's playback rate reads apart from the load's "requests/s" and
// the speed setting (review, item 10: "measured: 50 req/s" beside "Load 1000
// requests/s").
func TestPlayRate(t *testing.T) {
	if got, want := PlayRate(1234), "playing 1,234 req/s"; got != want {
		t.Errorf("PlayRate(1234) = %q; want %q", got, want)
	}
}

func TestPointsApart(t *testing.T) {
	for _, tt := range []struct {
		a, b float64
		want string
	}{
		{0.98351, 0.99849, "1.4"}, // 98.4% and 99.8%, 1.498 points apart unrounded
		{0.99849, 0.98351, "1.4"},
		{0.5004, 0.5996, "10.0"}, // 50.0% and 60.0%
		{0.12341, 0.12349, "0.0"},
		{0, 1, "100.0"},
		{0.6014, 0.6096, "0.9"}, // 60.1% and 61.0%, 0.82 points apart unrounded
	} {
		if got := PointsApart(tt.a, tt.b); got != tt.want {
			t.Errorf("PointsApart(%v, %v) = %q; want %q (%s and %s)", tt.a, tt.b, got, tt.want, Pct(tt.a), Pct(tt.b))
		}
	}
}
