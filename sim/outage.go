package sim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// An outage takes the shared cache, or one host, out from one moment of the
// simulated clock to another. Config.Outage lists them, comma-separated:
//
//	shared@2s-4s            the shared cache is out from 2 s to 4 s
//	host1@500ms-1.5s        host 1 (0-based) is out from 0.5 s to 1.5 s
//	shared@2s-              the shared cache is out from 2 s to the end of the run
//	shared@1s-2s,host0@3s-5s
//
// The shared cache's process dies at the start and comes back empty at the
// end; meanwhile every get, set and delete fails at once (connection
// refused), is counted in SharedStats.Errors, and the request goes on to the
// origin: the fail-open client real mode uses. Per-worker caches and host
// caches are not affected. A host that is out gets no new requests (as if
// nginx's health check had marked it down); the requests it already holds
// are answered, its caches are emptied at the start (its processes died) and
// it comes back with empty caches at the end.
type outage struct {
	host     int   // the host, or -1 for the shared cache
	from, to int64 // µs
	begun    bool
	ended    bool
}

// Forever is the end of an outage written without one ("shared@2s-"): it
// lasts to the end of the run.
const Forever = math.MaxInt64

// maxOutages bounds the list, so a URL cannot ask for unbounded work.
const maxOutages = 16

// parseOutages reads an outage list; hosts is how many hosts there are.
func parseOutages(s string, hosts int) ([]outage, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > maxOutages {
		return nil, fmt.Errorf("lists %d outages; at most %d", len(parts), maxOutages)
	}
	out := make([]outage, 0, len(parts))
	for _, p := range parts {
		o, err := parseOutage(p, hosts)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

func parseOutage(p string, hosts int) (outage, error) {
	what, from, to, err := OutageSpan(p)
	if err != nil {
		return outage{}, err
	}
	o := outage{host: -1, from: from, to: to}
	if what != "shared" {
		h, _ := strconv.Atoi(strings.TrimPrefix(what, "host"))
		if h >= hosts {
			return outage{}, fmt.Errorf("%s: hosts are numbered host0 to host%d, got host%d", p, hosts-1, h)
		}
		o.host = h
	}
	return o, nil
}

// OutageSpan reads one entry of an outage list, such as "host1@500ms-1.5s"
// or "shared@2s-": what it takes out ("shared", "host1") and from when to
// when, in µs of simulated time; an entry with no end ends at Forever.
func OutageSpan(p string) (what string, from, to int64, err error) {
	what, when, ok := strings.Cut(p, "@")
	a, b, ok2 := strings.Cut(when, "-")
	if !ok || !ok2 || !outageTarget(what) {
		return "", 0, 0, fmt.Errorf("must be like shared@2s-4s, host1@500ms-1.5s or shared@2s- (no end), comma-separated, got %q", p)
	}
	if from, err = ParseDuration(a); err != nil {
		return "", 0, 0, fmt.Errorf("%s: start %w", p, err)
	}
	to = Forever
	if b != "" {
		if to, err = ParseDuration(b); err != nil {
			return "", 0, 0, fmt.Errorf("%s: end %w", p, err)
		}
	}
	if to <= from {
		return "", 0, 0, fmt.Errorf("%s: the end must come after the start", p)
	}
	return what, from, to, nil
}

// outageTarget reports whether what names something an outage can take out:
// "shared", or "host" and a number written without sign or leading zeros.
func outageTarget(what string) bool {
	if what == "shared" {
		return true
	}
	n, ok := strings.CutPrefix(what, "host")
	h, err := strconv.Atoi(n)
	return ok && err == nil && h >= 0 && n == strconv.Itoa(h)
}

func (o outage) String() string {
	what := "shared"
	if o.host >= 0 {
		what = "host" + strconv.Itoa(o.host)
	}
	s := what + "@" + FormatDuration(o.from) + "-"
	if o.to != Forever {
		s += FormatDuration(o.to)
	}
	return s
}

// outageField is the outage setting: parsed when set and written back in
// one spelling, so that a URL round-trips.
func outageField() Field {
	return Field{
		Name:  "outage",
		Usage: "take the shared cache or a host out for a while: shared@2s-4s, host1@500ms-1.5s, shared@2s- (to the end), comma-separated",
		get:   func(c Config) string { return c.Outage },
		set: func(c *Config, s string) error {
			parsed, err := parseOutages(s, MaxHosts)
			if err != nil {
				return err
			}
			parts := make([]string, len(parsed))
			for i, o := range parsed {
				parts[i] = o.String()
			}
			c.Outage = strings.Join(parts, ",")
			return nil
		},
		check: func(c Config) error {
			_, err := parseOutages(c.Outage, max(c.Hosts, 1))
			return err
		},
	}
}

// noChange is when nothing is left to change.
const noChange = math.MaxInt64

// checkOutages starts and ends the outages whose moment has come. The
// engine calls it as its clock moves, so an outage costs nothing between
// its start and its end (the test is inlined).
func (s *Sim) checkOutages() {
	if s.now >= s.nextOutage {
		s.changeOutages()
	}
}

func (s *Sim) changeOutages() {
	s.nextOutage = noChange
	for i := range s.outages {
		o := &s.outages[i]
		if !o.begun && s.now >= o.from {
			o.begun = true
			s.setOut(o.host, +1)
		}
		if o.begun && !o.ended && s.now >= o.to {
			o.ended = true
			s.setOut(o.host, -1)
		}
		switch {
		case !o.begun:
			s.nextOutage = min(s.nextOutage, o.from)
		case !o.ended:
			s.nextOutage = min(s.nextOutage, o.to)
		}
	}
}

// setOut begins (d = +1) or ends (-1) an outage of host h, or of the shared
// cache when h is -1. Overlapping outages of one target count up and down;
// the caches are emptied when it goes out and when it comes back.
func (s *Sim) setOut(h, d int) {
	if h < 0 {
		s.sharedDown += d
		if s.shared != nil && (s.sharedDown == 1 && d > 0 || s.sharedDown == 0) {
			s.shared.Purge()
		}
		return
	}
	hs := &s.hosts[h]
	hs.down += d
	if hs.down == 1 && d > 0 || hs.down == 0 {
		if hs.cache != nil {
			hs.cache.Purge()
		}
		for i := hs.first; i < hs.first+s.cfg.Workers; i++ {
			if c := s.workers[i].cache; c != nil {
				c.Purge()
			}
		}
	}
}
