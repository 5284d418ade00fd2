package sim

// leastConn sends each request to the worker with the fewest requests in
// flight (being served or waiting on its socket), as nginx's least_conn does.
// Ties go to the first tied worker after the last one picked, so with one
// client, when every worker is free, it is round robin.
type leastConn struct {
	ws   []worker // the engine's workers, read only
	last int
}

func (b *leastConn) pick(int) int {
	n := len(b.ws)
	best, load := -1, 0
	for j := 1; j <= n; j++ {
		i := (b.last + j) % n
		w := &b.ws[i]
		if l := int(w.busy) + w.queued.len(); best < 0 || l < load {
			best, load = i, l
		}
	}
	b.last = best
	return best
}
