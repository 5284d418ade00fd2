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
		copies := "are copies"
		if m.Duplicates == 1 {
			copies = "is a copy"
		}
		out = append(out, fmt.Sprintf("%s of the %s cached entries %s of a key another %s already holds: memory that buys no extra hits.",
			Count(m.Duplicates), Count(m.Entries), copies, holder(v)))
	}
	if st.Total.Stale > 0 {
		out = append(out, Plural(st.Total.Stale, "read")+" returned an old value: "+staleCause(v))
	}
	if v.Config.HasHost() {
		out = append(out, fmt.Sprintf("One cache per host: a host's workers share it and agree on cache_info(), but each of the %d hosts fills its own: the pitfall one level up.",
			max(v.Config.Hosts, 1)))
	}
	if st.Shared.Down {
		out = append(out, fmt.Sprintf("The shared cache is down: %s so far, and every read it would have answered goes to the database.", Plural(st.Shared.Errors, "cache error")))
	}
	if v.Config.HasShared() && !v.Config.HasLocal() {
		stale := ", and no read so far was stale"
		if st.Total.Stale > 0 {
			stale = ""
		}
		out = append(out, fmt.Sprintf("One shared cache: every worker gives the same cache_info(), nothing is held twice%s; each hit costs a %s round trip.",
			stale, Micros(v.Config.Cost.Shared)))
	}
	return out
}

// infoSpread tells how the workers' cache_info() answers differ, quoting the
// field that differs most visibly: currsize while caches fill, then hits,
// then misses. When the answers differ in more than that field, it says how
// many values the field itself takes, so the list never looks like fewer
// answers than it claims.
func infoSpread(ws []Worker) string {
	answers := map[string]bool{}
	for _, w := range ws {
		answers[InfoLine(w.Info)] = true
	}
	if len(answers) < 2 {
		return ""
	}
	fields := []struct {
		name string
		of   func(Worker) int64
	}{
		{"currsize", func(w Worker) int64 { return int64(w.Info.Currsize) }},
		{"hits", func(w Worker) int64 { return int64(w.Info.Hits) }},
		{"misses", func(w Worker) int64 { return int64(w.Info.Misses) }},
	}
	name, vals, distinct := "", []string(nil), 0
	for _, f := range fields {
		seen := map[int64]bool{}
		vals = vals[:0]
		for _, w := range ws {
			seen[f.of(w)] = true
			vals = append(vals, Count(f.of(w)))
		}
		if name, distinct = f.name, len(seen); distinct > 1 {
			break
		}
	}
	if len(vals) > 8 {
		vals = append(vals[:8], "…")
	}
	head := fmt.Sprintf("Ask each of the %d workers for cache_info() and you get %d different answers", len(ws), len(answers))
	if distinct == len(answers) {
		return fmt.Sprintf("%s (%s, worker by worker: %s).", head, name, strings.Join(vals, ", "))
	}
	return fmt.Sprintf("%s; %s alone takes %d values (worker by worker: %s).", head, name, distinct, strings.Join(vals, ", "))
}

// staleCause says how the reads on screen came to be stale, which depends
// on where the copies live.
func staleCause(v System) string {
	c := v.Config
	switch {
	case c.HasLocal():
		return "the write went to the database through one worker, the others kept their copy."
	case c.HasHost() && c.Hosts > 1:
		return "the write went through one host and deleted that host's copy; the other hosts' caches kept theirs."
	}
	return "a read that fetched the key from the database before a write finished stored the old value in the cache after the write had deleted it (a fill racing a delete)."
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
	var ids []string // every restarted worker whose cache is still filling
	for i, w := range v.Workers {
		n := w.Info.Hits + w.Info.Misses
		if w.Stats.Generation == 0 || w.Info.Currsize >= w.Info.Maxsize || n == 0 {
			continue
		}
		ids = append(ids, fmt.Sprint(w.Stats.ID))
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
	if len(ids) > 1 { // a deploy: name them all, then the one with the fewest reads since
		who := "Workers " + strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
		if len(ids) == len(v.Workers) {
			who = fmt.Sprintf("All %d workers", len(ids))
		}
		s = fmt.Sprintf("%s restarted with empty caches and are still filling them. Worker %d, with the fewest reads since: its cache has answered %s of %s (%s)",
			who, w.Stats.ID, Count(w.Info.Hits), Plural(fewest, "read"), Pct(float64(w.Info.Hits)/float64(fewest)))
	}
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
