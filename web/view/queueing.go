package view

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// Law is the utilization law for m: its arrival rate times its mean
// service time over its threads, which equals its measured utilization
// whatever the caches did; 0 before anything was served.
func (m Measured) Law() float64 {
	if m.Threads == 0 {
		return 0
	}
	return m.Rate * m.Service / 1e6 / float64(m.Threads)
}

// QueueingWords says which service time the queueing prediction used and
// why the run's differs: the prediction takes Che's long-run hit ratio with
// every cache warm, while the run's caches start empty and are emptied
// again by restarts, expiries and outages. It is "" before any request was
// served.
func QueueingWords(q sim.Queueing, predictedHit float64, m Measured) string {
	if q.Service == 0 || m.Service == 0 {
		return ""
	}
	s := fmt.Sprintf("Predicted from Che's long-run hit ratio (%s), every cache warm: a request is served in %s on average. ",
		Pct(predictedHit), Micros(int(q.Service+0.5)))
	var why []string
	why = append(why, "the caches start empty")
	if m.Recycles > 0 {
		why = append(why, "restarted workers start empty again")
	}
	if m.TTL {
		why = append(why, "entries expire")
	}
	if m.Outage {
		why = append(why, "an outage sends reads to the database")
	}
	if m.OriginConns {
		why = append(why, "fetches wait for a database connection")
	}
	service, law := lawWords(m)
	s += fmt.Sprintf("This run's requests took %s (hit ratio %s so far; %s), and %s, the measured utilization.",
		service, Pct(m.HitRatio), strings.Join(why, ", "), law)
	return s
}

// lawWords writes the utilization law with m's figures so that the
// arithmetic checks on screen: the rate and the mean service time get as
// many digits as it takes (fewest first) for rate × time ÷ threads, as
// shown, to give the percentage shown (1.73 ms where 1.7 ms would give
// 31.9% for 32.4%), and "≈" when even a tenth of a request/s and
// microseconds do not. It returns the service time as written and the law.
func lawWords(m Measured) (service, law string) {
	want := Pct(m.Law())
	var rate string
	for more := 0; more <= 3; more++ {
		for rd := 0; rd <= min(more, 1); rd++ {
			r := math.Round(m.Rate*10) / 10
			rate = Count(int64(r)) + strconv.FormatFloat(r-math.Trunc(r), 'f', 1, 64)[1:]
			if rd == 0 {
				r = math.Round(m.Rate)
				rate = Count(int64(r))
			}
			var us float64
			service, us = timeWithDigits(m.Service, min(more-rd, 2))
			if Pct(r*us/1e6/float64(m.Threads)) == want {
				return service, fmt.Sprintf("%s requests/s × %s ÷ %s = %s", rate, service, Plural(int64(m.Threads), "thread"), want)
			}
		}
	}
	// no figures short enough check: the usual ones, and say so
	service, _ = timeWithDigits(m.Service, 0)
	if m.Rate >= 10 {
		rate = Count(int64(math.Round(m.Rate)))
	}
	return service, fmt.Sprintf("%s requests/s × %s ÷ %s ≈ %s", rate, service, Plural(int64(m.Threads), "thread"), want)
}

// timeWithDigits writes a modelled time in µs as Micros does, with extra
// digits, and returns the value as written: (1734.2, 1) → "1.73 ms", 1730.
func timeWithDigits(us float64, extra int) (string, float64) {
	unit, name, digits := 1.0, "µs", extra
	switch {
	case math.Round(us) >= 1e6:
		unit, name, digits = 1e6, "s", 2+extra
	case math.Round(us) >= 1000:
		unit, name, digits = 1000, "ms", 1+extra
	}
	text := strconv.FormatFloat(us/unit, 'f', digits, 64)
	shown, _ := strconv.ParseFloat(text, 64)
	return text + " " + name, shown * unit
}
