package sim

// leastBusy sends each request to the worker that has spent the least
// modelled time serving so far, a saturated server's least-busy choice: a
// worker slowed by origin fetches gets fewer requests. Ties go to the first
// tied worker after the last one picked, so equal costs give round robin.
type leastBusy struct {
	busy []int64 // the engine's per-worker busy time, read only
	last int
}

func (b *leastBusy) pick(int) int {
	n := len(b.busy)
	best := -1
	for j := 1; j <= n; j++ {
		i := (b.last + j) % n
		if best < 0 || b.busy[i] < b.busy[best] {
			best = i
		}
	}
	b.last = best
	return best
}
