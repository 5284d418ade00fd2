package sim

import "math/rand/v2"

// acceptBootOrder is the accept race as `cachepit real`'s Go workers run it,
// not gunicorn's: measured on Linux, four Go workers won about .427, .306,
// .205 and .063 of connections in the order they booted (Go's runtime poller),
// and a recycled worker rejoined at the back. So the worker that booted r-th
// (from 0) of n wins with weight n-r, and a restarted worker moves to the back
// of the order. Among some idle workers only, the weights are the same.
type acceptBootOrder struct {
	r     *rand.Rand
	a     alias   // over boot ranks
	order []int   // order[rank] is the worker that booted rank-th
	rank  []int   // rank[worker] is its place in order
	idle  []int32 // scratch: the idle workers
}

func newAcceptBootOrder(workers int, r *rand.Rand) *acceptBootOrder {
	w := make([]float64, workers)
	order := make([]int, workers)
	for i := range w {
		w[i] = float64(workers - i)
		order[i] = i
	}
	return &acceptBootOrder{r: r, a: newAlias(w), order: order, rank: append([]int(nil), order...),
		idle: make([]int32, 0, workers)}
}

func (b *acceptBootOrder) pick(int) int { return b.order[b.a.draw(b.r)] }

func (b *acceptBootOrder) among(set *idleSet, _ int) int {
	idle := set.list(b.idle[:0])
	b.idle = idle
	n, sum := len(b.order), 0
	for _, w := range idle {
		sum += n - b.rank[w]
	}
	x := b.r.IntN(sum)
	for _, w := range idle {
		if x -= n - b.rank[w]; x < 0 {
			return int(w)
		}
	}
	return int(idle[len(idle)-1])
}

// restarted moves worker w to the back of the boot order.
func (b *acceptBootOrder) restarted(w int) {
	i := b.rank[w]
	copy(b.order[i:], b.order[i+1:])
	b.order[len(b.order)-1] = w
	for r, x := range b.order {
		b.rank[x] = r
	}
}
