package sim

import "math/rand/v2"

// accept models the kernel handing each new connection to whichever idle
// worker wins the accept() race, as with gunicorn's sync workers: random, and
// uneven. Measured with cachepit real on Linux, four workers won about 40%,
// 30%, 20% and 10% of connections, in the order they booted, and a recycled
// worker rejoined at the back. So the worker that booted r-th (from 0) wins
// with weight n-r, and a restarted worker moves to the back of the order.
type accept struct {
	r     *rand.Rand
	a     alias // over boot ranks
	order []int // order[rank] is the worker that booted rank-th
}

func newAccept(workers int, r *rand.Rand) *accept {
	w := make([]float64, workers)
	order := make([]int, workers)
	for i := range w {
		w[i] = float64(workers - i)
		order[i] = i
	}
	return &accept{r: r, a: newAlias(w), order: order}
}

func (b *accept) pick(int) int { return b.order[b.a.draw(b.r)] }

// restarted moves worker w to the back of the boot order.
func (b *accept) restarted(w int) {
	for i, x := range b.order {
		if x == w {
			copy(b.order[i:], b.order[i+1:])
			b.order[len(b.order)-1] = w
			return
		}
	}
}
