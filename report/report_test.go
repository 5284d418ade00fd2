package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func ExampleTrace() {
	c := sim.Default()
	c.Workers, c.Keys = 2, 10
	s, _ := sim.New(c)
	var b bytes.Buffer
	t := NewTrace(&b)
	for _, q := range []struct{ w, k int }{{0, 3}, {0, 3}, {1, 3}} {
		ev, _ := s.Do(q.w, q.k, sim.Read)
		t.Add(ev)
	}
	ev, _ := s.Do(0, 3, sim.Write)
	t.Add(ev)
	ev, _ = s.Do(1, 3, sim.Read)
	t.Add(ev)
	t.Flush()
	fmt.Print(b.String())
	// Output:
	// seq,worker,key,op,served_from,hit,stale
	// 1,0,3,read,origin,0,0
	// 2,0,3,read,local,1,0
	// 3,1,3,read,origin,0,0
	// 4,0,3,write,origin,0,0
	// 5,1,3,read,local,1,1
}

func TestRunJSONAndTable(t *testing.T) {
	c := sim.Default()
	c.Mode = "tiered"
	s, _ := sim.New(c)
	s.Run(5000)
	st := s.Stats()
	r := New(c, st)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	json.Unmarshal(b, &back)
	total := back["total"].(map[string]any)
	if total["hits"].(float64) != float64(st.Total.Hits) || total["hit_ratio"].(float64) != st.HitRatio || back["shared"] == nil {
		t.Errorf("json %s", b)
	}
	var out bytes.Buffer
	if err := WriteTable(&out, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < c.Workers+2 || !strings.Contains(out.String(), "shared cache:") || !strings.HasPrefix(strings.TrimSpace(lines[c.Workers+1]), "total") {
		t.Errorf("table:\n%s", out.String())
	}
}

// An outage of the shared cache is counted as errors, in the JSON and the
// table; a run without one prints none.
func TestSharedErrors(t *testing.T) {
	for _, tc := range []struct {
		outage string
		errors bool
	}{{"shared@100ms-300ms", true}, {"", false}} {
		c := sim.Default()
		c.Mode, c.Outage = "shared", tc.outage
		s, err := sim.New(c)
		if err != nil {
			t.Fatal(err)
		}
		s.Run(2000)
		st := s.Stats()
		if (st.Shared.Errors > 0) != tc.errors {
			t.Fatalf("outage %q: the engine counted %d errors; want errors %v", tc.outage, st.Shared.Errors, tc.errors)
		}
		b, _ := json.Marshal(New(c, st))
		var back struct {
			Shared struct{ Errors int64 }
		}
		json.Unmarshal(b, &back)
		if back.Shared.Errors != st.Shared.Errors {
			t.Errorf("outage %q: JSON shared.errors %d; want %d", tc.outage, back.Shared.Errors, st.Shared.Errors)
		}
		var out bytes.Buffer
		WriteTable(&out, New(c, st))
		want := fmt.Sprintf("; %d errors (out:", st.Shared.Errors)
		if got := strings.Contains(out.String(), want); got != tc.errors {
			t.Errorf("outage %q: table contains %q: %v; want %v\n%s", tc.outage, want, got, tc.errors, out.String())
		}
	}
}

// With several hosts each gets a line with its requests and its host cache.
func TestHosts(t *testing.T) {
	c := sim.Default()
	c.Mode, c.Hosts, c.HostBalancer = "tiered-host", 3, "keyhash"
	s, _ := sim.New(c)
	s.Run(3000)
	st := s.Stats()
	r := New(c, st)
	if len(r.Hosts) != 3 {
		t.Fatalf("%d hosts in the report; want 3", len(r.Hosts))
	}
	var out bytes.Buffer
	WriteTable(&out, r)
	for i, h := range st.Hosts {
		want := fmt.Sprintf("host %d: %d requests, hit ratio %.3f, %d stale; host cache: %d hits, %d misses",
			i, h.Total.Requests, h.Total.HitRatio(), h.Total.Stale, h.Cache.Hits, h.Cache.Misses)
		if r.Hosts[i].Cache == nil || r.Hosts[i].Cache.Hits != h.Cache.Hits || !strings.Contains(out.String(), want) {
			t.Errorf("host %d: got %+v; want a line %q in\n%s", i, r.Hosts[i], want, out.String())
		}
	}
}
