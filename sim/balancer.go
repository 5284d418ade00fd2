package sim

import "math/rand/v2"

// A balancer chooses the worker for each request.
type balancer interface {
	pick(key int) int
}

// A restartAware balancer is told when a worker's process is replaced.
type restartAware interface {
	restarted(worker int)
}

func newBalancer(c Config, r *rand.Rand, busy []int64) balancer {
	switch c.Balancer {
	case "roundrobin":
		return &roundRobin{n: c.Workers}
	case "leastbusy":
		return &leastBusy{busy: busy}
	case "keyhash":
		return newKeyHash(c.Workers, keyHashVnodes)
	case "accept-bootorder":
		return newAcceptBootOrder(c.Workers, r)
	}
	return &accept{r: r, n: c.Workers}
}
