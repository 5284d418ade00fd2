package lesson

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// Every lesson states in words each setting it changes, with its value,
// and its prose ends with that statement.
func TestLessonsStateTheirSettings(t *testing.T) {
	for _, l := range All {
		words := l.Settings()
		v, _ := url.ParseQuery(l.Query)
		for name := range v {
			f, _ := sim.FieldByName(name)
			val := f.Get(l.Config())
			if val == "true" || val == "false" || strings.ContainsAny(val, "abcdefghijklmnopqrstuvwxyz") {
				continue // named settings are checked by the phrase table below
			}
			if n, err := strconv.ParseFloat(val, 64); err == nil && n > 0 && n < 1 {
				val = strconv.FormatFloat(100*n, 'g', -1, 64) + "%"
			} else if n == 0 {
				val = "no "
			}
			if !strings.Contains(strings.ReplaceAll(words, ",", ""), val) {
				t.Errorf("%s: %q does not state %s=%s", l.Slug, words, name, f.Get(l.Config()))
			}
		}
		if text := l.Text(); text[len(text)-1] != words || len(text) != len(l.Prose)+1 {
			t.Errorf("%s: text ends with %q; want the prose, then the settings", l.Slug, text[len(text)-1])
		}
	}
	if got := All[Index("recycling")].Settings(); !strings.Contains(got, "max_requests=300") || !strings.Contains(got, "max_requests_jitter=30") {
		t.Errorf("recycling: %q does not name max_requests and its jitter", got)
	}
	if got := All[Index("immutable-data")].Settings(); !strings.Contains(got, "--preload") || !strings.Contains(got, "no writes") {
		t.Errorf("immutable-data: %q", got)
	}
}

// Prose quotes no measured figure: a number in it is a setting of its
// lesson (or a product of two), and it makes no claim such as "most of"
// that only the run can decide (issue 11 item 20).
func TestProseCitesNoMeasurement(t *testing.T) {
	number := regexp.MustCompile(`\d[\d,]*`)
	for _, l := range All {
		c := l.Config()
		allowed := map[int]bool{c.Workers: true, c.Cache: true, c.Keys: true, c.Workers * c.Cache: true, c.SharedSize(): true,
			c.Cost.Local: true, c.Cost.Shared: true, c.Cost.Origin: true, c.MaxRequests: true, c.MaxRequestsJitter: true,
			int(100 * c.Writes): true, 2: true, 0: true, 1: true, c.Hosts: true, c.HostSize(): true}
		for h := -1; h < c.Hosts; h++ {
			what := "shared"
			if h >= 0 {
				what = "host" + strconv.Itoa(h)
			}
			from, to := outageSpanOf(c, what)
			allowed[int(from/1e6)], allowed[int(to/1e6)] = true, true
		}
		for _, r := range l.Restarts {
			allowed[int(r.Seq)], allowed[r.Worker] = true, true
		}
		for _, d := range l.Deploys {
			allowed[int(d.Seq)] = true
		}
		// the settings of time, in the units the words use (µs, ms, s)
		for _, n := range []int64{int64(c.Clients), int64(c.Threads), int64(c.Rate), int64(c.Cost.CPU), int64(c.OriginConns),
			c.Boot / 1000, c.TTL / 1e6, c.TTL / 1000, c.Think / 1000} {
			allowed[int(n)] = true
		}
		for _, p := range l.Text() {
			for _, m := range number.FindAllString(p, -1) {
				n, _ := strconv.Atoi(strings.ReplaceAll(m, ",", ""))
				if !allowed[n] {
					t.Errorf("%s: prose cites %s, which is no setting of the lesson: %q", l.Slug, m, p)
				}
			}
			for _, claim := range []string{"most of", "almost all", "nearly all", "half of", "none of"} {
				if strings.Contains(p, claim) {
					t.Errorf("%s: prose claims %q, which only the run can tell: %q", l.Slug, claim, p)
				}
			}
		}
	}
}

// Outages are said in words, one with no end included.
func TestOutageWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"shared@15s-25s", "the shared cache is out from 15 s to 25 s of simulated time"},
		{"host2@40s-", "host 2 is out from 40 s of simulated time to the end of the run"},
		{"shared@1s-2s,host0@3s-", "the shared cache is out from 1 s to 2 s of simulated time, and host 0 is out from 3 s of simulated time to the end of the run"},
	} {
		if got := outageWords(tc.in); got != tc.want {
			t.Errorf("outageWords(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
