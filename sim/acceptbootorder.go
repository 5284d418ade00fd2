package sim

import "math/rand/v2"

// acceptBootOrder is the accept race as `cachepit real`'s Go workers run it,
// not gunicorn's: measured on Linux, four Go workers won about .427, .306,
// .205 and .063 of connections in the order they booted (Go's runtime poller),
// and a recycled worker rejoined at the back. So the worker that booted r-th
// (from 0) of n wins with weight n-r, and a restarted worker moves to the back
// of the order.
type acceptBootOrder struct {
	r     *rand.Rand
	a     alias // over boot ranks
	order []int // order[rank] is the worker that booted rank-th
}

func newAcceptBootOrder(workers int, r *rand.Rand) *acceptBootOrder {
	w := make([]float64, workers)
	order := make([]int, workers)
	for i := range w {
		w[i] = float64(workers - i)
		order[i] = i
	}
	return &acceptBootOrder{r: r, a: newAlias(w), order: order}
}

func (b *acceptBootOrder) pick(int) int { return b.order[b.a.draw(b.r)] }

// restarted moves worker w to the back of the boot order.
func (b *acceptBootOrder) restarted(w int) {
	for i, x := range b.order {
		if x == w {
			copy(b.order[i:], b.order[i+1:])
			b.order[len(b.order)-1] = w
			return
		}
	}
}
