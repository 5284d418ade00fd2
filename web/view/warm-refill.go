package view

// refillCause names what emptied system v's per-worker caches since its
// run began, for a warm-up line to say they refill rather than warm up
// from the start: "the deploy" when every worker's process was replaced,
// "max_requests recycling", "the restart" or "the restarts"; "" when no
// worker was replaced, or its caches do not die with its process (a shared
// or host cache, or caches preloaded before the fork).
func refillCause(v System) string {
	if !v.Config.HasLocal() || v.Config.Preload {
		return ""
	}
	replaced := 0
	for _, w := range v.Workers {
		if w.Stats.Generation > 0 {
			replaced++
		}
	}
	switch {
	case replaced == 0:
		return ""
	case v.Config.MaxRequests > 0:
		return "max_requests recycling"
	case replaced == len(v.Workers):
		return "the deploy"
	case replaced == 1:
		return "the restart"
	}
	return "the restarts"
}
