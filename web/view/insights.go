package view

import (
	"fmt"
	"maps"
	"slices"
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
		if line := infoSpread(v.Workers, max(v.Config.Hosts, 1)*v.Config.Workers); line != "" {
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
// many values the field itself takes. Every value the field takes is on
// screen, or its least and greatest are: a list never hides one behind "…".
// all is how many workers the run has; when only some are drawn, the
// sentence says it quotes those.
func infoSpread(ws []Worker, all int) string {
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
	var name string
	var of func(Worker) int64
	var on map[int64][]int // value → the workers giving it
	for _, f := range fields {
		name, of, on = f.name, f.of, map[int64][]int{}
		for _, w := range ws {
			on[of(w)] = append(on[of(w)], w.Stats.ID)
		}
		if len(on) > 1 {
			break
		}
	}
	asked := fmt.Sprintf("each of the %d workers", len(ws))
	if all > len(ws) {
		asked = fmt.Sprintf("each of the %d workers drawn (of %d)", len(ws), all)
	}
	head := fmt.Sprintf("Ask %s for cache_info() and you get %d different answers", asked, len(answers))
	if len(on) < len(answers) {
		head += fmt.Sprintf("; %s alone takes %d values", name, len(on))
	}
	vals := slices.Sorted(maps.Keys(on))
	switch {
	case len(on) <= 3: // each value with where it is: "1 on 15 workers and 0 on worker 3"
		slices.SortStableFunc(vals, func(a, b int64) int { return len(on[b]) - len(on[a]) })
		var parts []string
		for _, x := range vals {
			parts = append(parts, Count(x)+" "+onWorkers(on[x]))
		}
		if len(on) < len(answers) {
			return head + ": " + and(parts) + "."
		}
		return head + ": " + name + " is " + and(parts) + "."
	case len(ws) <= 8: // few enough to read worker by worker
		list := make([]string, len(ws))
		for i, w := range ws {
			list[i] = Count(of(w))
		}
		if len(on) < len(answers) {
			return fmt.Sprintf("%s (worker by worker: %s).", head, strings.Join(list, ", "))
		}
		return fmt.Sprintf("%s (%s, worker by worker: %s).", head, name, strings.Join(list, ", "))
	}
	lo, hi := vals[0], vals[len(vals)-1]
	span := fmt.Sprintf("from %s %s to %s %s", Count(lo), onWorkers(on[lo]), Count(hi), onWorkers(on[hi]))
	if len(on) < len(answers) {
		return head + ", " + span + "."
	}
	return head + ": " + name + " " + span + "."
}

// onWorkers says which workers give a value: "on worker 3", "on workers 3
// and 9", or how many when there are more.
func onWorkers(ids []int) string {
	switch len(ids) {
	case 1:
		return fmt.Sprintf("on worker %d", ids[0])
	case 2:
		return fmt.Sprintf("on workers %d and %d", ids[0], ids[1])
	}
	return fmt.Sprintf("on %d workers", len(ids))
}

// and joins parts as a sentence does: "a", "a and b", "a, b and c".
func and(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
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
//
// It names only the workers of the latest wave of restarts (restarted no
// earlier than the first process of the newest generation: in a rolling
// deploy, not those still waiting for their turn) whose caches hold fewer
// entries than their steady fill: the fullest cache of a worker outside the
// wave, or maxsize when every worker is in it.
func refilling(v System) string {
	if v.Config.Mode != "local" || v.Config.Preload {
		return ""
	}
	newest, since := 0, int64(0) // the newest generation, and when its first process started
	for _, w := range v.Workers {
		switch g := w.Stats.Generation; {
		case g > newest:
			newest, since = g, w.Stats.ReadyAt
		case g == newest:
			since = min(since, w.Stats.ReadyAt)
		}
	}
	if newest == 0 {
		return ""
	}
	inWave := func(w Worker) bool { return w.Stats.Generation > 0 && w.Stats.ReadyAt >= since }
	steady := int64(-1)
	for _, w := range v.Workers {
		if !inWave(w) {
			steady = max(steady, w.Info.Currsize)
		}
	}
	best, fewest := -1, int64(0)
	var ids []string // every worker of the wave whose cache is still filling
	for i, w := range v.Workers {
		n := w.Info.Hits + w.Info.Misses
		full := w.Info.Currsize >= w.Info.Maxsize || (steady >= 0 && w.Info.Currsize >= steady)
		if !inWave(w) || full || n == 0 {
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
