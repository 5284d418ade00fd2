package sim

// leastConn sends each request to the worker with the fewest requests in
// flight (being served or waiting on its socket), as nginx's least_conn does
// in front of the workers; ties are broken as nginx breaks them (nginxTies),
// so with one client, when every worker is free, the workers take turns from
// worker 0. A worker that accepts nothing (booting after a recycle, a
// restart or a deploy, or finishing its requests before its process exits)
// is passed over, as nginx moves on from a peer that refuses the connection.
// When no worker accepts, pick returns -1 and the request waits on the
// host's backlog for the first one up.
type leastConn struct {
	ws   []worker // the engine's workers, read only
	ties nginxTies
}

func (b *leastConn) pick(int) int {
	return b.ties.pick(len(b.ws), func(i int) int {
		w := &b.ws[i]
		if w.down {
			return -1 // booting or draining: refuses
		}
		return int(w.busy) + w.queued.len()
	})
}

// nginxTies is nginx's least_conn (ngx_http_upstream_least_conn_module.c)
// over peers 0..n-1, all weights 1: the peer with the fewest requests, and
// among tied peers nginx's smooth weighted round robin: each tied peer's
// current weight grows by one, the highest wins (the first of them on a tie,
// so peer 0 before the others when every peer is tied) and loses the number
// of tied peers. Only tied peers' weights change.
type nginxTies struct {
	cw []int // nginx's current_weight per peer
}

// pick returns the peer to use, given each peer's requests (load(i) < 0 for
// a peer that is out), or -1 when every peer is out.
func (t *nginxTies) pick(n int, load func(int) int) int {
	best, least, many := -1, 0, false
	for i := range n {
		switch l := load(i); {
		case l < 0:
		case best < 0 || l < least:
			best, least, many = i, l, false
		case l == least:
			many = true
		}
	}
	if !many {
		return best
	}
	if t.cw == nil {
		t.cw = make([]int, n)
	}
	total := 0
	for i := best; i < n; i++ {
		if load(i) != least {
			continue
		}
		t.cw[i]++
		total++
		if t.cw[i] > t.cw[best] {
			best = i
		}
	}
	t.cw[best] -= total
	return best
}
