package sim

// roundRobin hands requests to workers in turn, as Node's cluster module does.
type roundRobin struct{ n, next int }

func (b *roundRobin) pick(int) int {
	w := b.next
	b.next++
	if b.next == b.n {
		b.next = 0
	}
	return w
}
