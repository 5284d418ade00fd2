package sim

// accept models gunicorn's sync workers racing in accept() on the shared
// listening socket: a new connection wakes every idle worker and one of them,
// drawn uniformly, wins. Measured with gunicorn 20.1 and four workers, one
// client, 16 runs of 1,000 requests: mean shares .253/.277/.243/.228 in boot
// order, with no lasting favourite. A busy worker is not in the race: it takes
// the oldest waiting connection when it is done.
type accept struct {
	src *pcg
	n   int
}

func (b *accept) pick(int) int { return intN(b.src, b.n) }

func (b *accept) among(idle *idleSet, n int) int { return idle.nth(intN(b.src, n)) }
