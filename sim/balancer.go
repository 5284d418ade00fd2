package sim

import "math/rand/v2"

// A balancer chooses the worker for each request.
type balancer interface {
	pick(key int) int
}

// A racer is a balancer in which the workers themselves race to accept from
// one shared listen socket: pick is the winner when every worker is idle,
// among the winner when only the n in idle are.
type racer interface {
	balancer
	among(idle *idleSet, n int) int
}

// A restartAware balancer is told when a worker's process is replaced.
type restartAware interface {
	restarted(worker int)
}

// Balancer names that older links used, and what they mean now.
var balancerAliases = map[string]string{
	"leastbusy": "leastconn", // least modelled work meant nothing without concurrency
}

func newBalancer(c Config, src *pcg, ws []worker) balancer {
	switch c.Balancer {
	case "roundrobin":
		return &roundRobin{ws: ws}
	case "leastconn":
		return &leastConn{ws: ws}
	case "keyhash":
		h := newKeyHash(c.Workers, keyHashVnodes)
		h.ws = ws
		return h
	case "accept-bootorder":
		return newAcceptBootOrder(c.Workers, rand.New(src))
	}
	return &accept{src: src, n: c.Workers}
}
