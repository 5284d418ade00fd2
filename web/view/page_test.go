package view

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
)

func TestParsePage(t *testing.T) {
	def := sim.Default()
	with := func(f func(*sim.Config)) sim.Config { c := def; f(&c); return c }
	tests := []struct {
		query   string
		want    PageState
		notices []string // each must appear in one notice, in order
	}{
		{"", PageState{Config: def, At: -1}, nil},
		{"workers=8&at=100&compare=true", PageState{Config: with(func(c *sim.Config) { c.Workers = 8 }), Compare: true, At: 100}, nil},
		{"workers=abc&cache=50", PageState{Config: with(func(c *sim.Config) { c.Cache = 50 }), At: -1}, []string{"workers"}},
		{"mode=bogus&at=-5", PageState{Config: def, At: -1}, []string{"at must be a whole number from 0 to 20,000,000", "mode must be one of local (per worker), shared, tiered, host (per host), tiered-host (tiered per host), got \"bogus\""}},
		{"at=99999999999", PageState{Config: def, At: -1}, []string{"at must"}},
		{"compare=maybe", PageState{Config: def, At: -1}, []string{"compare must"}},
		{"foo=1", PageState{Config: def, At: -1}, []string{`unknown setting "foo"`}},
		{"wasm=false", PageState{Config: def, At: -1}, nil},
		{"restarts=50.1,10.0", PageState{Config: def, At: -1, Restarts: []Restart{{Seq: 10, Worker: 0}, {Seq: 50, Worker: 1}}}, nil},
		{"restarts=10.9", PageState{Config: def, At: -1}, []string{"restarts must"}},
		{"presenter=1&at=5", PageState{Config: def, At: 5, Presenter: true}, nil},
		{"presenter=big", PageState{Config: def, At: -1}, []string{"presenter must"}},
		{"workers=300", PageState{Config: def, At: -1}, []string{"workers"}},
		{"deploys=1200,50r", PageState{Config: def, At: -1, Deploys: []run.Deploy{{Seq: 1200}, {Seq: 50, Rolling: true}}}, nil},
		{"deploys=soon", PageState{Config: def, At: -1}, []string{"deploys must"}},
	}
	for _, tt := range tests {
		got, notes := ParsePage(tt.query)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParsePage(%q) = %+v; want %+v", tt.query, got, tt.want)
		}
		if len(notes) != len(tt.notices) {
			t.Errorf("ParsePage(%q) notices %q; want %d", tt.query, notes, len(tt.notices))
			continue
		}
		for i, n := range tt.notices {
			if !strings.Contains(notes[i], n) {
				t.Errorf("ParsePage(%q) notice %d = %q; want it to mention %q", tt.query, i, notes[i], n)
			}
		}
	}
}

func TestPageQueryRoundTrip(t *testing.T) {
	c := sim.Default()
	c.Workers, c.Mode, c.Writes, c.Seed, c.Preload = 7, "tiered", 0.25, 99, true
	for _, st := range []PageState{
		DefaultPage(),
		{Config: c, At: 1234},
		{Config: c, Compare: true, At: 0, Restarts: []Restart{{Seq: 5, Worker: 2}, {Seq: 9, Worker: 6}}},
		{Config: c, At: 3, Presenter: true},
		{Config: c, At: 900, Deploys: []run.Deploy{{Seq: 10}, {Seq: 800, Rolling: true}}},
	} {
		got, notes := ParsePage(st.Query())
		if len(notes) > 0 || !reflect.DeepEqual(got, st) {
			t.Errorf("ParsePage(%q) = %+v, %q; want %+v", st.Query(), got, notes, st)
		}
	}
}

func FuzzParsePage(f *testing.F) {
	for _, q := range []string{"", "workers=3&at=10", "restarts=1.0,2.1&compare=1", "%zz", "mode=shared&shared-cache=5"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		st, _ := ParsePage(q)
		if err := st.Config.Validate(); err != nil {
			t.Fatalf("ParsePage(%q) gave an invalid config: %v", q, err)
		}
		again, notes := ParsePage(st.Query())
		if len(notes) > 0 || !reflect.DeepEqual(again, st) {
			t.Fatalf("ParsePage(%q).Query() = %q does not round-trip: %+v %q", q, st.Query(), again, notes)
		}
	})
}
