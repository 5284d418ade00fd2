package sim

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseOutage(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"", "", ""},
		{"shared@2s-4s", "shared@2s-4s", ""},
		{"shared@2000ms-4000000us", "shared@2s-4s", ""},
		{"shared@0-1.5s,host1@500ms-1m", "shared@0-1500ms,host1@500ms-1m", ""},
		{"shared", "", `outage must be like shared@2s-4s, host1@500ms-1.5s or shared@2s- (no end), comma-separated, got "shared"`},
		{"redis@1s-2s", "", `outage must be like shared@2s-4s, host1@500ms-1.5s or shared@2s- (no end), comma-separated, got "redis@1s-2s"`},
		{"host01@1s-2s", "", `outage must be like shared@2s-4s, host1@500ms-1.5s or shared@2s- (no end), comma-separated, got "host01@1s-2s"`},
		{"host64@1s-2s", "", "outage host64@1s-2s: hosts are numbered host0 to host63, got host64"},
		{"host-1@1s-2s", "", `outage must be like shared@2s-4s, host1@500ms-1.5s or shared@2s- (no end), comma-separated, got "host-1@1s-2s"`},
		{"shared@549ms-", "shared@549ms-", ""},
		{"shared@549ms-3600549ms", "shared@549ms-3600549ms", ""}, // links written before the open end
		{"shared@1000ms-,host2@0-", "shared@1s-,host2@0-", ""},
		{"shared@549ms", "", `outage must be like shared@2s-4s, host1@500ms-1.5s or shared@2s- (no end), comma-separated, got "shared@549ms"`},
		{"shared@-", "", `outage shared@-: start must be a duration such as 500us, 20ms or 1.5s, got ""`},
		{"shared@1s--", "", `outage shared@1s--: end must be a duration such as 500us, 20ms or 1.5s, got "-"`},
		{"shared@4s-2s", "", "outage shared@4s-2s: the end must come after the start"},
		{"shared@1x-2s", "", `outage shared@1x-2s: start must be a duration such as 500us, 20ms or 1.5s, got "1x"`},
		{strings.Repeat("shared@1s-2s,", 16) + "shared@1s-2s", "", "outage lists 17 outages; at most 16"},
	} {
		c := Default()
		c.Hosts = MaxHosts
		err := FieldByName0(t, "outage").Set(&c, tc.in)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("%q: got error %v; want %q", tc.in, err, tc.err)
		case tc.err == "" && c.Outage != tc.want:
			t.Errorf("%q: stored %q; want %q", tc.in, c.Outage, tc.want)
		}
	}
	if _, err := ParseQuery("hosts=2&outage=host1@1s-2s"); err != nil {
		t.Errorf("host1 of 2: %v", err)
	}
	if _, err := ParseQuery("hosts=2&outage=host2@1s-2s"); err == nil || err.Error() != "outage host2@1s-2s: hosts are numbered host0 to host1, got host2" {
		t.Errorf("host2 of 2: got %v", err)
	}
}

// An outage with no end lasts to the end of the run: the same run as one
// that ends after it, and the shared cache still out at its end.
func TestOpenOutage(t *testing.T) {
	run := func(outage string) (string, Stats) {
		s := newTest(t, "mode=shared&writes=0.01&outage="+outage)
		s.Run(30_000)
		b, _ := json.Marshal([]any{s.Stats(), s.Series(), s.Now()})
		return string(b), s.Stats()
	}
	open, st := run("shared@2s-")
	if !st.Shared.Down || st.Shared.Errors == 0 {
		t.Errorf("after 30,000 requests: shared down %v, %d errors; want it still out", st.Shared.Down, st.Shared.Errors)
	}
	if long, _ := run("shared@2s-1h"); open != long {
		t.Error("shared@2s- and shared@2s-1h ran differently")
	}
}

func FieldByName0(t *testing.T, name string) Field {
	f, ok := FieldByName(name)
	if !ok {
		t.Fatalf("no field %q", name)
	}
	return f
}

// During an outage of the shared cache every read goes to the origin and
// counts an error, and no request fails; afterwards the cache fills again.
// Per-worker caches carry on as if nothing happened; in tiered mode they
// still answer the reads they hold.
func TestSharedOutage(t *testing.T) {
	const from, to = 10e6, 20e6 // µs
	type phase struct{ reads, hits, errs int64 }
	measure := func(q string) (before, during, after phase, st Stats) {
		s := newTest(t, q+"&outage=shared@10s-20s")
		for range 60_000 {
			ev := s.Step()
			if down := s.Now() >= from && s.Now() < to; s.Stats().Shared.Down != down && s.cfg.HasShared() {
				t.Fatalf("at %d µs the shared cache reports down=%v", s.Now(), !down)
			}
			p := &before
			switch start := s.Now() - int64(ev.Latency); { // one client: it looked up at its start
			case start >= to:
				p = &after
			case start >= from:
				p = &during
			}
			if ev.Op == Read {
				p.reads++
				if ev.Hit {
					p.hits++
				}
				if ev.CacheError {
					p.errs++
				}
			}
		}
		return before, during, after, s.Stats()
	}

	hr := func(p phase) float64 { return float64(p.hits) / float64(p.reads) }
	b, d, a, st := measure("mode=shared&writes=0.01")
	t.Logf("mode=shared: hit ratio %.3f before, %.3f during (%d reads, %d cache errors), %.3f after; %d requests failed", hr(b), hr(d), d.reads, d.errs, hr(a), st.Total.Killed)
	if b.reads == 0 || d.reads == 0 || a.reads == 0 {
		t.Fatalf("phases before %+v, during %+v, after %+v: the outage is not inside the run", b, d, a)
	}
	if d.hits != 0 || d.errs != d.reads {
		t.Errorf("shared, during the outage: %d hits and %d cache errors in %d reads; want 0 and all", d.hits, d.errs, d.reads)
	}
	if b.errs != 0 || a.errs != 0 || st.Shared.Errors < d.reads {
		t.Errorf("shared: errors before %d, after %d, counted %d; want 0, 0 and at least %d", b.errs, a.errs, st.Shared.Errors, d.reads)
	}
	if float64(a.hits)/float64(a.reads) < 0.5 {
		t.Errorf("shared, after the outage: hit ratio %.3f; want the cache back", float64(a.hits)/float64(a.reads))
	}

	b, d, a, _ = measure("mode=tiered&writes=0.01")
	t.Logf("mode=tiered: hit ratio %.3f before, %.3f during, %.3f after", hr(b), hr(d), hr(a))
	if d.hits == 0 || d.hits == d.reads {
		t.Errorf("tiered, during the outage: %d hits in %d reads; want the local caches' hits only", d.hits, d.reads)
	}

	// per-worker caches: the same run, bit for bit
	run := func(q string) []byte {
		s := newTest(t, q)
		s.Run(30_000)
		b, _ := json.Marshal([]any{s.Stats(), s.Series(), s.Now()})
		return b
	}
	if string(run("mode=local&hosts=2")) != string(run("mode=local&hosts=2&outage=shared@1s-20s")) {
		t.Error("an outage of the shared cache changed a run with per-worker caches")
	}
}

// Taking a host out: with keyhash only the keys whose home is that host move
// (consistent hashing), with round robin most requests change host.
func TestHostOutageMovesKeys(t *testing.T) {
	const from, to = 10e6, 30e6 // µs
	ring := HostRing(3)
	hosts := func(q string) (map[int64]int, *Sim) {
		s := newTest(t, q)
		out := map[int64]int{}
		for range 40_000 {
			ev := s.Step()
			out[ev.Seq] = ev.Host
		}
		return out, s
	}
	for _, tc := range []struct {
		hb            string
		lo, hi        float64 // bounds on the share of requests that changed host
		keysOfHostOne bool    // the moved requests are exactly those of host 1's keys
	}{
		{"keyhash", 0.2, 0.5, true},
		{"roundrobin", 0.5, 1, false},
	} {
		q := "hosts=3&workers=2&host-balancer=" + tc.hb
		base, _ := hosts(q)
		s := newTest(t, q+"&outage=host1@10s-30s")
		moved, during := 0, 0
		for range 40_000 {
			ev := s.Step()
			if start := s.Now() - int64(ev.Latency); start < from || start >= to {
				continue // one client: it was routed at its start
			}
			during++
			if ev.Host == 1 {
				t.Fatalf("%s: request %d served by host 1 while it is out", tc.hb, ev.Seq)
			}
			if ev.Host != base[ev.Seq] {
				moved++
			}
			if tc.keysOfHostOne && (ev.Host != base[ev.Seq]) != (ring.Pick(KeyURI(ev.Key)) == 1) {
				t.Fatalf("%s: key %d moved from host %d to %d; only host 1's keys should move", tc.hb, ev.Key, base[ev.Seq], ev.Host)
			}
		}
		if during < 1000 {
			t.Fatalf("%s: only %d requests during the outage", tc.hb, during)
		}
		share := float64(moved) / float64(during)
		t.Logf("host-balancer=%s, host1 out: %.3f of %d requests changed host", tc.hb, share, during)
		if share < tc.lo || share > tc.hi {
			t.Errorf("%s: %.3f of requests changed host during the outage; want %.2f..%.2f", tc.hb, share, tc.lo, tc.hi)
		}
		if st := s.Stats(); st.Hosts[1].Down || st.Hosts[1].Total.Requests == 0 {
			t.Errorf("%s: host 1 after its outage: %+v; want it back and serving", tc.hb, st.Hosts[1])
		}
	}
}

// Every host out: connections are refused (nginx answers 502) and clients
// try again; nothing panics, and requests flow once a host is back.
func TestAllHostsOut(t *testing.T) {
	s := newTest(t, "hosts=2&outage=host0@1s-3s,host1@1s-3s")
	s.Run(5_000)
	if s.refused == 0 || s.Now() < 3e6 {
		t.Errorf("after 5,000 requests at %d µs: %d refused; want refusals while both hosts were out", s.Now(), s.refused)
	}
}

// OutageSpan reads one entry, and builds an error only when the entry is bad:
// the lessons and the page call it on every entry they draw.
func TestOutageSpan(t *testing.T) {
	const shape = `must be like shared@2s-4s, host1@500ms-1.5s or shared@2s- (no end), comma-separated, got `
	for _, tc := range []struct {
		in       string
		what     string
		from, to int64
		err      string
	}{
		{"shared@2s-4s", "shared", 2e6, 4e6, ""},
		{"host1@500ms-1.5s", "host1", 500e3, 1.5e6, ""},
		{"host0@0-", "host0", 0, Forever, ""},
		{"host12@1m-1h", "host12", 60e6, 3600e6, ""},
		{"shared", "", 0, 0, shape + `"shared"`},
		{"shared@2s", "", 0, 0, shape + `"shared@2s"`},
		{"host@1s-2s", "", 0, 0, shape + `"host@1s-2s"`},
		{"host01@1s-2s", "", 0, 0, shape + `"host01@1s-2s"`},
		{"host+1@1s-2s", "", 0, 0, shape + `"host+1@1s-2s"`},
		{"Shared@1s-2s", "", 0, 0, shape + `"Shared@1s-2s"`},
		{"shared@x-2s", "", 0, 0, `shared@x-2s: start must be a duration such as 500us, 20ms or 1.5s, got "x"`},
		{"shared@1s-y", "", 0, 0, `shared@1s-y: end must be a duration such as 500us, 20ms or 1.5s, got "y"`},
		{"shared@2s-2s", "", 0, 0, "shared@2s-2s: the end must come after the start"},
	} {
		what, from, to, err := OutageSpan(tc.in)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("%q: got error %v; want %q", tc.in, err, tc.err)
		case what != tc.what || from != tc.from || to != tc.to:
			t.Errorf("%q: got %q %d %d; want %q %d %d", tc.in, what, from, to, tc.what, tc.from, tc.to)
		}
		if tc.err != "" {
			continue
		}
		in := tc.in
		if n := testing.AllocsPerRun(100, func() { OutageSpan(in) }); n != 0 {
			t.Errorf("%q: %v allocations per call; want 0 (no error built for valid text)", tc.in, n)
		}
	}
}
