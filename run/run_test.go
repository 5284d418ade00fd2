package run

import (
	"reflect"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// Advancing in uneven steps, with the last few served one by one, is the
// run the engine gives in one go, for the system and its partner.
func TestAdvanceMatchesEngine(t *testing.T) {
	for _, mode := range sim.Modes {
		c := sim.Default()
		c.Mode, c.Writes = mode, 0.05
		r, err := New(Plan{Config: c, Compare: true, Keep: 12})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int64{1, 5, 12, 13, 700, 0, 3, 4000} {
			if err := r.Advance(n); err != nil {
				t.Fatal(err)
			}
		}
		want := []sim.Config{c, Partner(c)}
		if c.Mode != "local" { // per-worker caches on the left
			want[0], want[1] = want[1], want[0]
		}
		if got := r.Sims()[0].Config().Mode; got != "local" {
			t.Errorf("%s compared: the first system's mode is %s; want local", mode, got)
		}
		for i, cc := range want {
			s, _ := sim.New(cc)
			s.Run(4734)
			if got, want := r.Sims()[i].Stats(), s.Stats(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, system %d: stats differ from one engine run:\n got %+v\nwant %+v", mode, i, got, want)
			}
			if ev := r.Events(i); len(ev) != 12 || ev[11].Seq != 4734 || ev[0].Seq != 4723 {
				t.Errorf("%s, system %d: kept events %d..%d (%d); want 4723..4734", mode, i, ev[0].Seq, ev[len(ev)-1].Seq, len(ev))
			}
		}
	}
}

// The script is served first, on the workers it names, then the workload;
// restarts fall at their request numbers, in order, whatever order they were given in.
func TestScriptAndRestarts(t *testing.T) {
	c := sim.Default()
	script := []Request{{Label: "GET /", Worker: 0, Key: 3}, {Label: "PUT /3", Worker: 1, Key: 3, Op: sim.Write}, {Label: "GET /", Worker: 2, Key: 3}}
	restarts := []Restart{{Seq: 2500, Worker: 0}, {Seq: 2, Worker: 2}, {Seq: 100, Worker: 1}, {Seq: 100, Worker: 3}}
	r, err := New(Plan{Config: c, Compare: true, Script: script, Restarts: restarts})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int64{1, 1, 50, 2448, 500} {
		if err := r.Advance(n); err != nil {
			t.Fatal(err)
		}
	}
	for i, cc := range []sim.Config{c, Partner(c)} {
		s, _ := sim.New(cc)
		s.Do(0, 3, sim.Read)
		s.Do(1, 3, sim.Write)
		s.Restart(2)
		s.Do(2, 3, sim.Read)
		s.Run(97)
		s.Restart(1)
		s.Restart(3)
		s.Run(2400)
		s.Restart(0)
		s.Run(500)
		if got, want := r.Sims()[i].Stats(), s.Stats(); !reflect.DeepEqual(got, want) {
			t.Errorf("system %d: scripted run differs:\n got %+v\nwant %+v", i, got, want)
		}
	}
	want := []Restart{{Seq: 2, Worker: 2}, {Seq: 100, Worker: 1}, {Seq: 100, Worker: 3}, {Seq: 2500, Worker: 0}}
	if got := r.Restarts(); !reflect.DeepEqual(got, want) {
		t.Errorf("Restarts() = %v; want %v", got, want)
	}
	if len(r.Events(0)) != 0 {
		t.Errorf("kept %d events with Keep 0", len(r.Events(0)))
	}
}

func TestRestartNowAndBadInput(t *testing.T) {
	c := sim.Default()
	r, err := New(Plan{Config: c, Restarts: []Restart{{Seq: 5, Worker: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	r.Advance(3)
	if err := r.Restart(2); err != nil {
		t.Fatal(err)
	}
	if got, want := r.Restarts(), []Restart{{Seq: 3, Worker: 2}, {Seq: 5, Worker: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Restarts() = %v; want %v", got, want)
	}
	if err := r.Restart(4); err == nil {
		t.Error("restarting worker 4 of 4 succeeded")
	}
	if _, err := New(Plan{Config: c, Restarts: []Restart{{Seq: 0, Worker: 9}}}); err == nil {
		t.Error("a restart of worker 9 of 4 at request 0 was accepted")
	}
	bad, err := New(Plan{Config: c, Script: []Request{{Label: "GET /", Worker: 7}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := bad.Advance(1); err == nil {
		t.Error("a scripted request on worker 7 of 4 was served")
	}
	c.Workers = 0
	if _, err := New(Plan{Config: c}); err == nil {
		t.Error("a plan with 0 workers was accepted")
	}
}

func TestPartner(t *testing.T) {
	for mode, want := range map[string]string{"local": "shared", "shared": "local", "tiered": "local"} {
		c := sim.Default()
		c.Mode = mode
		if got := Partner(c); got.Mode != want || got.Seed != c.Seed || got.Workers != c.Workers || got.SharedCache != c.SharedCache {
			t.Errorf("Partner(%s) = %s; want %s with the rest unchanged", mode, got.Mode, want)
		}
	}
}

func TestSortRestartsIsStable(t *testing.T) {
	rs := []Restart{{Seq: 9, Worker: 0}, {Seq: 1, Worker: 3}, {Seq: 9, Worker: 1}, {Seq: 1, Worker: 2}}
	SortRestarts(rs)
	want := []Restart{{Seq: 1, Worker: 3}, {Seq: 1, Worker: 2}, {Seq: 9, Worker: 0}, {Seq: 9, Worker: 1}}
	if !reflect.DeepEqual(rs, want) {
		t.Errorf("SortRestarts = %v; want %v", rs, want)
	}
}

// A run with a Stop goes no further, and labels its scripted requests.
func TestStopAndLabels(t *testing.T) {
	c := sim.Default()
	script := []Request{{Label: "GET /", Worker: 0}, {Label: "GET /get_cache_info", Worker: 0, Op: sim.Info}, {Label: "GET /get_cache_info", Worker: 1, Op: sim.Info}}
	r, err := New(Plan{Config: c, Script: script, Stop: 3, Keep: 5})
	if err != nil {
		t.Fatal(err)
	}
	if r.Stopped() {
		t.Error("stopped before the first request")
	}
	if err := r.Advance(10); err != nil {
		t.Fatal(err)
	}
	if r.Seq() != 3 || !r.Stopped() {
		t.Errorf("after Advance(10) with Stop 3: at request %d, stopped %v", r.Seq(), r.Stopped())
	}
	if err := r.Advance(1); err != nil || r.Seq() != 3 {
		t.Errorf("Advance past the stop: request %d, %v", r.Seq(), err)
	}
	if got := r.Label(2); got != "GET /get_cache_info" {
		t.Errorf("Label(2) = %q", got)
	}
	if got := r.Label(4); got != "" {
		t.Errorf("Label(4) = %q; want none past the script", got)
	}
	if ev := r.Events(0); len(ev) != 3 || ev[1].Op != sim.Info || ev[2].Worker != 1 {
		t.Errorf("events %+v", ev)
	}
	if st := r.Sims()[0].Stats(); st.Total.Reads != 1 || st.Total.Requests != 3 || st.Origin.Reads != 1 {
		t.Errorf("cache_info requests touched a cache or the origin: %+v", st.Total)
	}
}

// A deploy in the plan restarts every worker of every system once Seq
// requests are served, as the engine's RestartAll does at that point; two
// deploys given out of order fall in order.
func TestDeploys(t *testing.T) {
	c := sim.Default()
	c.Clients, c.Cost.CPU, c.Boot = 8, 500, 50_000
	deploys := []Deploy{{Seq: 3000, Rolling: true}, {Seq: 1000}}
	r, err := New(Plan{Config: c, Compare: true, Deploys: deploys, Restarts: []Restart{{Seq: 1000, Worker: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int64{999, 2, 1500, 2499} {
		if err := r.Advance(n); err != nil {
			t.Fatal(err)
		}
	}
	for i, cc := range []sim.Config{c, Partner(c)} {
		s, _ := sim.New(cc)
		s.Run(1000)
		s.Restart(2)
		s.RestartAll(false)
		s.Run(2000)
		s.RestartAll(true)
		s.Run(2000)
		got, want := r.Sims()[i].Stats(), s.Stats()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("system %d: a run with deploys differs from the engine's:\n got %+v\nwant %+v", i, got.Total, want.Total)
		}
		if got.Total.Recycles < 2*int64(c.Workers) {
			t.Errorf("system %d: %d restarts after two deploys of %d workers", i, got.Total.Recycles, c.Workers)
		}
	}
}

// The partner keeps stampede protection at its own scope, and stays valid.
func TestPartnerCoalesce(t *testing.T) {
	for _, tc := range []struct{ mode, coalesce, wantMode, want string }{
		{"local", "worker", "shared", "shared"},
		{"shared", "shared", "local", "worker"},
		{"tiered", "shared", "local", "worker"},
		{"local", "none", "shared", "none"},
		{"shared", "worker", "local", "worker"},
	} {
		c := sim.Default()
		c.Mode, c.Coalesce = tc.mode, tc.coalesce
		p := Partner(c)
		if p.Mode != tc.wantMode || p.Coalesce != tc.want || p.Validate() != nil {
			t.Errorf("Partner(%s, coalesce %s) = %s, coalesce %s (%v); want %s, %s", tc.mode, tc.coalesce, p.Mode, p.Coalesce, p.Validate(), tc.wantMode, tc.want)
		}
	}
}

// A deploy made by hand is listed with its request number, and a plan
// holding that list replays the same run.
func TestDeployNowReplays(t *testing.T) {
	c := sim.Default()
	c.Clients, c.Cost.CPU, c.Boot = 8, 500, 50_000
	r, err := New(Plan{Config: c})
	if err != nil {
		t.Fatal(err)
	}
	r.Advance(700)
	r.Deploy(true)
	r.Advance(900)
	got := r.Deploys()
	if len(got) != 1 || got[0] != (Deploy{Seq: 700, Rolling: true}) {
		t.Fatalf("Deploys() = %+v, want one rolling deploy at 700", got)
	}
	again, err := New(Plan{Config: c, Deploys: got})
	if err != nil {
		t.Fatal(err)
	}
	again.Advance(1600)
	if a, b := r.Sims()[0].Stats(), again.Sims()[0].Stats(); !reflect.DeepEqual(a, b) {
		t.Errorf("replayed deploy differs:\n got %+v\nwant %+v", b.Total, a.Total)
	}
}

// In a comparison an outage of a host reaches both systems, which run the
// same hosts, and an outage of the shared cache only the one that has it:
// the other runs exactly as without it.
func TestCompareOutages(t *testing.T) {
	c, err := sim.ParseQuery("hosts=3&workers=2&mode=tiered&outage=shared@1s-1h,host1@2s-1h")
	if err != nil {
		t.Fatal(err)
	}
	if p := Partner(c); p.Mode != "local" || p.Outage != "host1@2s-1h" {
		t.Fatalf("partner of tiered: mode %s, outages %q; want local with host1@2s-1h only", p.Mode, p.Outage)
	}
	r, err := New(Plan{Config: c, Compare: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Advance(6000); err != nil {
		t.Fatal(err)
	}
	own, partner := r.Sims()[1].Stats(), r.Sims()[0].Stats() // per-worker caches come first
	if !own.Shared.Down || own.Shared.Errors == 0 || !own.Hosts[1].Down {
		t.Errorf("tiered side: shared down %v with %d errors, host 1 down %v; want both out", own.Shared.Down, own.Shared.Errors, own.Hosts[1].Down)
	}
	if partner.Shared.Down || !partner.Hosts[1].Down {
		t.Errorf("per-worker side: shared down %v, host 1 down %v; want only host 1 out", partner.Shared.Down, partner.Hosts[1].Down)
	}
	l := c
	l.Mode, l.Outage = "local", "host1@2s-1h"
	s, _ := sim.New(l)
	s.Run(6000)
	if want := s.Stats(); !reflect.DeepEqual(partner, want) {
		t.Errorf("per-worker side differs from a run with the host's outage alone")
	}
	if got := Reaching(sim.Config{Mode: "local", Outage: "shared@1s-2s"}).Outage; got != "" {
		t.Errorf("Reaching of a local system keeps %q", got)
	}
}
