package sim

// arrivals is where requests come from: closed (a fixed number of clients,
// each sending its next request when the previous answer arrives, after a
// think time) or poisson (an open stream at a given rate, whatever the
// server's state, so that queues grow without bound past saturation and
// connections are refused once the backlog is full).
type arrivals struct {
	poisson bool
	src     *pcg    // gaps between poisson arrivals
	mean    float64 // µs between poisson arrivals
	next    float64 // when the next poisson arrival comes, exactly
	clients int
	think   int64 // µs a closed client waits between an answer and its next request
}

func newArrivals(c Config) arrivals {
	a := arrivals{poisson: c.Arrivals == "poisson", clients: c.Clients, think: c.Think}
	if a.poisson {
		a.src = newSource(c.Seed, streamArrivals)
		a.mean = 1e6 / c.Rate
	}
	return a
}

// begin schedules the first arrivals at now.
func (a *arrivals) begin(q *queue, now int64) {
	if a.poisson {
		a.next = float64(now)
		a.schedule(q)
		return
	}
	for i := range a.clients {
		q.push(now, evArrive, int32(i))
	}
}

// schedule puts the open stream's next arrival on the queue. Gaps are
// exponential; their sum is kept exact so rounding to whole µs never drifts.
func (a *arrivals) schedule(q *queue) {
	a.next += -detLog(1-float64Of(a.src)) * a.mean
	q.push(int64(a.next), evArrive, -1)
}
