package view

import (
	"fmt"
	"strings"
)

// Insights says in words what the numbers on screen show, so that a first
// look finds the pitfall (or its fix) without reading every card.
func Insights(v System) []string {
	st := v.Stats
	if st.Seq == 0 {
		return []string{"Press Play or Step: each request goes from the load balancer to one worker."}
	}
	var out []string
	if v.Config.HasLocal() && len(v.Workers) > 1 {
		if line := infoSpread(v.Workers); line != "" {
			out = append(out, line)
		}
	}
	if line := refilling(v); line != "" {
		out = append(out, line)
	}
	if m := st.Memory; m.Duplicates > 0 {
		out = append(out, fmt.Sprintf("%s of the %s cached entries are copies of a key another %s already holds: memory that buys no extra hits.",
			Count(m.Duplicates), Count(m.Entries), holder(v)))
	}
	if st.Total.Stale > 0 {
		out = append(out, Plural(st.Total.Stale, "read")+" returned an old value: the write went to the database through one worker, the others kept their copy.")
	}
	if v.Config.HasHost() {
		out = append(out, fmt.Sprintf("One cache per host: a host's workers share it and agree on cache_info(), but each of the %d hosts fills its own: the pitfall one level up.",
			max(v.Config.Hosts, 1)))
	}
	if st.Shared.Down {
		out = append(out, fmt.Sprintf("The shared cache is down: %s so far, and every read it would have answered goes to the database.", Plural(st.Shared.Errors, "cache error")))
	}
	if v.Config.HasShared() && !v.Config.HasLocal() {
		out = append(out, fmt.Sprintf("One shared cache: every worker gives the same cache_info(), nothing is held twice, and no read is stale; each hit costs a %s round trip.",
			Micros(v.Config.Cost.Shared)))
	}
	return out
}

// infoSpread tells how the workers' cache_info() answers differ, quoting the
// field that differs most visibly: currsize while caches fill, then hits.
func infoSpread(ws []Worker) string {
	answers := map[string]bool{}
	sizes, hits := make([]string, 0, len(ws)), make([]string, 0, len(ws))
	sameSize := true
	for _, w := range ws {
		answers[InfoLine(w.Info)] = true
		sizes = append(sizes, Count(w.Info.Currsize))
		hits = append(hits, Count(w.Info.Hits))
		sameSize = sameSize && w.Info.Currsize == ws[0].Info.Currsize
	}
	if len(answers) < 2 {
		return ""
	}
	field, vals := "currsize", sizes
	if sameSize {
		field, vals = "hits", hits
	}
	if len(vals) > 8 {
		vals = append(vals[:8], "…")
	}
	return fmt.Sprintf("Ask each of the %d workers for cache_info() and you get %d different answers (%s, worker by worker: %s).",
		len(ws), len(answers), field, strings.Join(vals, ", "))
}

// refilling shows a restart's cost while it lasts: the newest process whose
// cache is still filling, its hit ratio since the restart (its own
// cache_info) against the worker's before it. Only per-worker caches:
// elsewhere the worker's hits are not its own cache's.
func refilling(v System) string {
	if v.Config.Mode != "local" || v.Config.Preload {
		return ""
	}
	best, fewest := -1, int64(0)
	for i, w := range v.Workers {
		n := w.Info.Hits + w.Info.Misses
		if w.Stats.Generation == 0 || w.Info.Currsize >= w.Info.Maxsize || n == 0 {
			continue
		}
		if best < 0 || n < fewest {
			best, fewest = i, n
		}
	}
	if best < 0 {
		return ""
	}
	w := v.Workers[best]
	s := fmt.Sprintf("Worker %d restarted with an empty cache: since then its cache has answered %s of %s (%s)",
		w.Stats.ID, Count(w.Info.Hits), Plural(fewest, "read"), Pct(float64(w.Info.Hits)/float64(fewest)))
	if before := w.Stats.Reads - fewest; before > 0 {
		s += fmt.Sprintf(", against %s of its reads before the restart", Pct(float64(w.Stats.Hits-w.Info.Hits)/float64(before)))
	}
	return s + fmt.Sprintf("; it holds %s of its %s entries again.", Count(w.Info.Currsize), Count(w.Info.Maxsize))
}

// holder names what holds a cache: a worker, or a host in host modes.
func holder(v System) string {
	if v.Config.HasHost() && !v.Config.HasLocal() {
		return "host"
	}
	return "worker"
}
