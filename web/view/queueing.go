package view

import (
	"fmt"
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
	s += fmt.Sprintf("This run's requests took %s (hit ratio %s so far; %s), and %s requests/s × %s ÷ %s = %s, the measured utilization.",
		Micros(int(m.Service+0.5)), Pct(m.HitRatio), strings.Join(why, ", "),
		Count(int64(m.Rate+0.5)), Micros(int(m.Service+0.5)), Plural(int64(m.Threads), "thread"), Pct(m.Law()))
	return s
}
