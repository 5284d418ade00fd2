package view

import (
	"strconv"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// OpenOutage is how long an outage started by a button lasts if nobody
// brings the cache back: longer than any run on the page.
const OpenOutage = 3600e6 // µs

// ToggleOutage is the outage setting after a button takes target (-1: the
// shared cache, else host target) down at now (µs of simulated time), or
// brings it back when an outage of it is under way at now. Outages start on
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
	return strings.Join(append(parts, name+"@"+sim.FormatDuration(start)+"-"+sim.FormatDuration(start+OpenOutage)), ",")
}

// OutageOpen reports whether list holds an outage of target (-1: the
// shared cache) that has not ended at now: under way, or about to begin.
// One that ends by the next millisecond, as a button bringing it back at
// now leaves it, counts as ended.
func OutageOpen(list string, target int, now int64) bool {
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

// outageSpan reads one "shared@2s-4s" entry.
func outageSpan(p string) (what string, from, to int64, ok bool) {
	what, when, ok1 := strings.Cut(p, "@")
	a, b, ok2 := strings.Cut(when, "-")
	if !ok1 || !ok2 {
		return "", 0, 0, false
	}
	from, err1 := sim.ParseDuration(a)
	to, err2 := sim.ParseDuration(b)
	return what, from, to, err1 == nil && err2 == nil
}

func nextMilli(us int64) int64 { return (us/1000 + 1) * 1000 }
