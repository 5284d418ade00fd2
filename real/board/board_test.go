package board

import (
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func TestRecord(t *testing.T) {
	c := sim.Default()
	c.Workers, c.Cache = 2, 2
	b := New(c, "")
	for _, o := range []Outcome{
		{Slot: 0, Op: sim.Read, From: sim.Origin, Currsize: 1, Left: -1},
		{Slot: 0, Op: sim.Read, From: sim.Local, Currsize: 1, Left: -1},
		{Slot: 1, Op: sim.Read, From: sim.Shared, Stale: true, Currsize: 2, Left: 5, Evictions: 2},
		{Slot: 1, Op: sim.Write, From: sim.Origin, Currsize: 1, Left: 4, Evictions: 3, CacheErrors: 2},
		{Slot: 7, Op: sim.Read}, // unknown slot: ignored
	} {
		b.Record(o)
	}
	b.Started(1, 42, true)
	b.Record(Outcome{Slot: 1, Op: sim.Read, From: sim.Origin, Currsize: 1, Left: -1, Evictions: 1}) // the new process
	s := b.Snapshot(3, 1)
	tests := []struct {
		name      string
		got, want int64
	}{
		{"total requests", s.Total.Requests, 5},
		{"total reads", s.Total.Reads, 4},
		{"total hits", s.Total.Hits, 2},
		{"total misses", s.Total.Misses, 2},
		{"worker 1 evictions, both processes", s.Workers[1].Evictions, 4},
		{"local hits", s.Total.LocalHits, 1},
		{"shared hits", s.Total.SharedHits, 1},
		{"stale", s.Total.Stale, 1},
		{"writes", s.Total.Writes, 1},
		{"worker 1 recycles", s.Workers[1].Recycles, 1},
		{"worker 1 generation", int64(s.Workers[1].Generation), 1},
		{"worker 1 currsize", int64(s.Workers[1].Currsize), 1},
		{"worker 1 pid", int64(s.Workers[1].PID), 42},
		{"worker 0 left", s.Workers[0].RequestsLeft, -1},
		{"origin reads", s.Origin.Reads, 3},
		{"cache errors", s.CacheErrors, 2},
		{"worker 1 cache errors", s.Workers[1].CacheErrors, 2},
		{"total maxsize", int64(s.Total.Maxsize), 4},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d; want %d", tt.name, tt.got, tt.want)
		}
	}
	if s.HitRatio != 0.5 {
		t.Errorf("hit ratio: got %v; want 0.5", s.HitRatio)
	}
}

// A snapshot is a value: changing it leaves the board alone.
func TestSnapshotIsAValue(t *testing.T) {
	c := sim.Default()
	c.Workers = 1
	b := New(c, "")
	s := b.Snapshot(0, 0)
	s.Workers[0].Requests = 99
	if got := b.Snapshot(0, 0).Workers[0].Requests; got != 0 {
		t.Errorf("board changed through a snapshot: got %d requests; want 0", got)
	}
}

// /stats carries the server's engine settings as a query that sim.ParseQuery
// reads back unchanged, beside the older field-by-field Settings.
func TestConfigRoundTrip(t *testing.T) {
	c := sim.Default()
	c.Workers, c.Cache, c.Mode, c.MaxRequests, c.MaxRequestsJitter = 3, 7, "tiered", 50, 5
	s := New(c, "redis://127.0.0.1:6379/0").Snapshot(0, 0)
	got, err := sim.ParseQuery(s.Config)
	if err != nil || got != c {
		t.Errorf("ParseQuery(%q): got %+v, %v; want %+v", s.Config, got, err, c)
	}
	if s.Settings.Workers != 3 || s.Settings.Cache != 7 || s.Settings.Shared != "redis://127.0.0.1:6379/0" {
		t.Errorf("Settings: got %+v; want workers 3, cache 7 and the shared URL", s.Settings)
	}
	c.Mode = "shared"
	if st := New(c, "memcached://127.0.0.1:1").Snapshot(0, 0).Settings; st.Cache != 0 {
		t.Errorf("shared mode: Settings.Cache %d; want 0 (no worker keeps a cache)", st.Cache)
	}
}
