package sim

import "testing"

// leastConn picks workers as nginx's least_conn picks peers, as the host
// balancer does: the fewest requests, and among tied workers smooth weighted
// round robin from worker 0, each tied worker's current weight changed only
// while it is tied. Expected picks worked by hand from
// ngx_http_upstream_get_least_conn_peer.
func TestLeastConnTies(t *testing.T) {
	type step struct {
		busy   []int32
		queued []int // connections waiting on each worker's socket
		want   int
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"all free: in turn from worker 0", []step{
			{[]int32{0, 0, 0}, nil, 0}, {[]int32{0, 0, 0}, nil, 1}, {[]int32{0, 0, 0}, nil, 2}, {[]int32{0, 0, 0}, nil, 0},
		}},
		{"fewest wins, weights unchanged", []step{
			{[]int32{2, 1, 3}, nil, 1}, {[]int32{0, 0, 0}, nil, 0}, {[]int32{1, 1, 0}, nil, 2},
		}},
		{"waiting connections count", []step{
			{[]int32{1, 1, 1}, []int{2, 0, 1}, 1}, {[]int32{1, 1, 1}, []int{0, 1, 0}, 0},
		}},
		{"ties among some workers", []step{
			{[]int32{0, 0, 0}, nil, 0}, // weights -2 1 1
			{[]int32{1, 0, 0}, nil, 1}, // workers 1 and 2 tie at 2 2: the first; -2 0 2
			{[]int32{0, 0, 0}, nil, 2}, // -1 1 3: worker 2; -1 1 0
			{[]int32{0, 0, 0}, nil, 1}, // 0 2 1: worker 1; 0 -1 1
		}},
	} {
		b := &leastConn{ws: make([]worker, 3)}
		for i, s := range tc.steps {
			for w := range b.ws {
				b.ws[w].busy = s.busy[w]
				b.ws[w].queued = fifo{}
				if s.queued != nil {
					for range s.queued[w] {
						b.ws[w].queued.push(0)
					}
				}
			}
			if got := b.pick(0); got != s.want {
				t.Errorf("%s, step %d (busy %v, queued %v): worker %d; want %d", tc.name, i, s.busy, s.queued, got, s.want)
			}
		}
	}
}

// With one client every worker is free when the next request comes: the
// workers take turns from worker 0, as behind nginx.
func TestLeastConnOneClient(t *testing.T) {
	s := newTest(t, "workers=4&balancer=leastconn&writes=0.2")
	for i, want := range []int{0, 1, 2, 3, 0, 1} {
		if ev := s.Step(); ev.Worker != want {
			t.Errorf("request %d: worker %d; want %d", i+1, ev.Worker, want)
		}
	}
}
