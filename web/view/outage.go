package view

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// ToggleOutage is the outage setting after a button takes target (-1: the
// shared cache, else host target) down at now (µs of simulated time), with
// no end, or brings it back when an outage of it is under way at now,
// writing the end. Outages start on
// the next whole millisecond, so that replaying the link to the request
// shown reproduces the run exactly up to there.
func ToggleOutage(list string, target int, now int64) string {
	name := targetName(target)
	var parts []string
	if list != "" {
		parts = strings.Split(list, ",")
	}
	for i, p := range parts {
		what, from, to, ok := outageSpan(p)
		if !ok || what != name || to <= nextMilli(now) {
			continue
		}
		if now < from { // not begun: the button only changed its mind
			return strings.Join(append(parts[:i:i], parts[i+1:]...), ",")
		}
		parts[i] = name + "@" + sim.FormatDuration(from) + "-" + sim.FormatDuration(nextMilli(now))
		return strings.Join(parts, ",")
	}
	start := nextMilli(now)
	return strings.Join(append(parts, name+"@"+sim.FormatDuration(start)+"-"), ",")
}

// OutageOpen reports whether list holds an outage of target (-1: the
// shared cache) that has not ended at now: under way, or about to begin.
// One that ends by the next millisecond, as a button bringing it back at
// now leaves it, counts as ended.
func OutageOpen(list string, target int, now int64) bool {
	if list == "" {
		return false // without parsing: every render of a shared cache asks
	}
	for _, p := range strings.Split(list, ",") {
		what, _, to, ok := outageSpan(p)
		if ok && what == targetName(target) && to > nextMilli(now) {
			return true
		}
	}
	return false
}

func targetName(target int) string {
	if target < 0 {
		return "shared"
	}
	return "host" + strconv.Itoa(target)
}

// outageSpan reads one "shared@2s-4s" or "shared@2s-" entry.
func outageSpan(p string) (what string, from, to int64, ok bool) {
	what, from, to, err := sim.OutageSpan(p)
	return what, from, to, err == nil
}

func nextMilli(us int64) int64 { return (us/1000 + 1) * 1000 }

// OutageMoment is the simulated time (µs) an outage button takes target
// (-1: the shared cache) down or back at: the latest clock among the
// systems it reaches. Compared systems keep their own clocks, and a
// moment none of them has passed changes no request already shown.
func OutageMoment(views []System, target int) int64 {
	var now int64
	for _, v := range views {
		if target >= 0 || v.Config.HasShared() {
			now = max(now, v.Stats.Now)
		}
	}
	return now
}

// OutageNote says, for the outages of c, the page's settings, which of the
// systems drawn each reaches, where that is not plain from the picture: in
// a comparison, or when the system has no shared cache to take down.
func OutageNote(c sim.Config, views []System) []string {
	if c.Outage == "" || len(views) == 0 {
		return nil
	}
	var out []string
	for _, p := range strings.Split(c.Outage, ",") {
		what, from, to, ok := outageSpan(p)
		if !ok {
			continue
		}
		when := clock(from) + " to " + clock(to)
		if to == sim.Forever {
			when = "from " + clock(from)
		}
		if what == "shared" {
			var has, not []string
			for _, v := range views {
				if v.Config.HasShared() {
					has = append(has, "“"+v.Title+"”")
				} else {
					not = append(not, "“"+v.Title+"”")
				}
			}
			switch {
			case len(has) == 0:
				out = append(out, fmt.Sprintf("The shared cache's outage (%s) changes nothing here: %s has no shared cache.", when, strings.Join(not, " and ")))
			case len(not) > 0:
				out = append(out, fmt.Sprintf("The shared cache's outage (%s) reaches only %s: %s has no shared cache and serves exactly as without the outage.",
					when, strings.Join(has, " and "), strings.Join(not, " and ")))
			}
			continue
		}
		if len(views) < 2 {
			continue
		}
		s := fmt.Sprintf("%s's outage (%s) reaches both sides, which run the same hosts, at the same moment of simulated time.", capital(strings.Replace(what, "host", "host ", 1)), when)
		a, b := views[0], views[1]
		if b.Stats.Now < a.Stats.Now {
			a, b = b, a
		}
		if a.Stats.Now/1000 != b.Stats.Now/1000 {
			s += fmt.Sprintf(" Each side keeps its own clock (“%s” is at %s, “%s” at %s), so the two reach it at different requests: “%s”, whose clock runs behind, later.",
				a.Title, clock(a.Stats.Now), b.Title, clock(b.Stats.Now), a.Title)
		}
		out = append(out, s)
	}
	return out
}

// clock is a moment of simulated time to the millisecond: "6.870 s".
func clock(us int64) string { return fmt.Sprintf("%.3f s", float64(us)/1e6) }
