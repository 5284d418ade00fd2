package sim

import "math/rand/v2"

// accept models the kernel handing each new connection to whichever idle
// worker wins the accept() race, as with gunicorn's sync workers: random, and
// uneven, because some processes win the race more often than others. Each
// worker gets a fixed weight between 0.5 and 1.5 when the server starts.
type accept struct {
	r *rand.Rand
	a alias
}

func newAccept(workers int, r *rand.Rand) *accept {
	w := make([]float64, workers)
	for i := range w {
		w[i] = 0.5 + r.Float64()
	}
	return &accept{r: r, a: newAlias(w)}
}

func (b *accept) pick(int) int { return b.a.draw(b.r) }
