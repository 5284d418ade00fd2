package web

import (
	"fmt"
	"strings"
)

// Insights says in words what the numbers on screen show, so that a first
// look finds the pitfall (or its fix) without reading every card.
func Insights(v View) []string {
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
	if m := st.Memory; m.Duplicates > 0 {
		out = append(out, fmt.Sprintf("%s of the %s cached entries are copies of a key another worker already holds: memory that buys no extra hits.",
			Count(m.Duplicates), Count(m.Entries)))
	}
	if st.Total.Stale > 0 {
		out = append(out, fmt.Sprintf("%s reads returned an old value: the write went to the database through one worker, the others kept their copy.",
			Count(st.Total.Stale)))
	}
	if !v.Config.HasLocal() {
		out = append(out, fmt.Sprintf("One shared cache: every worker gives the same cache_info(), nothing is held twice, and no read is stale; each hit costs a %s round trip.",
			Micros(v.Config.Cost.Shared)))
	}
	return out
}

// infoSpread tells how the workers' cache_info() answers differ, quoting the
// field that differs most visibly: currsize while caches fill, then hits.
func infoSpread(ws []WorkerView) string {
	answers := map[string]bool{}
	sizes, hits := make([]string, 0, len(ws)), make([]string, 0, len(ws))
	sameSize := true
	for _, w := range ws {
		answers[InfoLine(w.Info)] = true
		sizes = append(sizes, fmt.Sprint(w.Info.Currsize))
		hits = append(hits, fmt.Sprint(w.Info.Hits))
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
