package sim

// roundRobin hands requests to workers in turn, as a proxy in front of the
// worker processes does (nginx's round robin, equal weights; Node's cluster
// module). A worker that accepts nothing (booting, or finishing its requests
// before its process exits) is passed over and the turn goes on to the next
// one, as nginx moves on to the next upstream when one refuses the
// connection and Node's cluster hands connections only to listening
// workers. When no worker accepts, pick returns -1 and the request waits on
// the host's backlog for the first one up.
type roundRobin struct {
	ws   []worker // the engine's workers, read only
	next int
}

func (b *roundRobin) pick(int) int {
	for range b.ws {
		w := b.next
		if b.next++; b.next == len(b.ws) {
			b.next = 0
		}
		if !b.ws[w].down {
			return w
		}
	}
	return -1
}
