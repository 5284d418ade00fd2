package sim

import "math/rand/v2"

// A hostBalancer is the load balancer in front of the hosts (nginx's
// upstream): it picks the host for each request, skipping hosts that are
// out, or returns -1 when every host is out (nginx answers 502).
type hostBalancer interface {
	pick(key int) int
}

func newHostBalancer(c Config, r *rand.Rand, hs []host) hostBalancer {
	switch c.HostBalancer {
	case "leastconn":
		return &hostLeastConn{hs: hs}
	case "random":
		return &hostRandom{hs: hs, r: r}
	case "keyhash":
		return newHostKeyHash(c, hs)
	}
	return &hostRoundRobin{hs: hs}
}

// hostRoundRobin is nginx's default: with equal weights its smooth weighted
// round robin hands requests to the hosts in turn. A host that is out is
// skipped.
type hostRoundRobin struct {
	hs   []host
	next int
}

func (b *hostRoundRobin) pick(int) int {
	for range b.hs {
		h := b.next
		if b.next++; b.next == len(b.hs) {
			b.next = 0
		}
		if b.hs[h].down == 0 {
			return h
		}
	}
	return -1
}

// hostLeastConn is nginx's least_conn: the host holding the fewest requests
// (in service or waiting on its socket), ties broken as nginx does
// (nginxTies). With one client every host is free when the next request
// comes: the hosts take turns from host 0.
type hostLeastConn struct {
	hs   []host
	ties nginxTies
}

func (b *hostLeastConn) pick(int) int {
	return b.ties.pick(len(b.hs), func(i int) int {
		if h := &b.hs[i]; h.down == 0 {
			return h.inflight
		}
		return -1
	})
}

// hostRandom is nginx's random: a host drawn uniformly among those up.
type hostRandom struct {
	hs []host
	r  *rand.Rand
}

func (b *hostRandom) pick(int) int {
	up := 0
	for i := range b.hs {
		if b.hs[i].down == 0 {
			up++
		}
	}
	if up == 0 {
		return -1
	}
	x := b.r.IntN(up)
	for i := range b.hs {
		if b.hs[i].down == 0 {
			if x == 0 {
				return i
			}
			x--
		}
	}
	return -1
}

// hostKeyHash is nginx's `hash $request_uri consistent;` over the hosts at
// HostAddr(0..n-1), with the URI cachepit load requests (KeyURI), so the
// engine sends each request where a real nginx would. A key's host when all
// are up is remembered; when that host is out nginx walks on along its ring,
// and after 20 points falls back to round robin, as here.
type hostKeyHash struct {
	ring *NginxRing
	hs   []host
	home []uint8 // per key: 1 + its host when all are up; 0 until first asked
	up   func(int) bool
	rr   hostRoundRobin
}

func newHostKeyHash(c Config, hs []host) *hostKeyHash {
	b := &hostKeyHash{ring: HostRing(len(hs)), hs: hs, home: make([]uint8, c.Keys), rr: hostRoundRobin{hs: hs}}
	b.up = func(h int) bool { return hs[h].down == 0 }
	return b
}

func (b *hostKeyHash) pick(key int) int {
	m := b.home[key]
	if m == 0 {
		m = uint8(1 + b.ring.Pick(KeyURI(key)))
		b.home[key] = m
	}
	if h := int(m) - 1; b.hs[h].down == 0 {
		return h
	}
	if h := b.ring.PickUp(KeyURI(key), b.up); h >= 0 {
		return h
	}
	return b.rr.pick(key)
}
