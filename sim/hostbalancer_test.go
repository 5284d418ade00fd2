package sim

import "testing"

// hostLeastConn picks as nginx's least_conn does: the fewest requests, and
// among tied hosts smooth weighted round robin from host 0, each tied host's
// current weight changed only while it is tied. Expected picks worked by
// hand from ngx_http_upstream_get_least_conn_peer.
func TestHostLeastConnTies(t *testing.T) {
	type step struct {
		inflight []int
		down     []int
		want     int
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"all free: in turn from host 0", []step{
			{[]int{0, 0, 0}, nil, 0}, {[]int{0, 0, 0}, nil, 1}, {[]int{0, 0, 0}, nil, 2}, {[]int{0, 0, 0}, nil, 0},
		}},
		{"fewest wins, weights unchanged", []step{
			{[]int{2, 1, 3}, nil, 1}, {[]int{0, 0, 0}, nil, 0}, {[]int{1, 1, 0}, nil, 2},
		}},
		{"ties among some hosts", []step{
			{[]int{0, 0, 0}, nil, 0}, // weights -2 1 1
			{[]int{1, 0, 0}, nil, 1}, // hosts 1 and 2 tie at 2 2: the first; -2 0 2
			{[]int{0, 0, 0}, nil, 2}, // -1 1 3: host 2; -1 1 0
			{[]int{0, 0, 0}, nil, 1}, // 0 2 1: host 1; 0 -1 1
		}},
		{"a host that is out is skipped", []step{
			{[]int{0, 0, 0}, []int{1, 0, 0}, 1}, {[]int{0, 0, 0}, []int{1, 0, 0}, 2}, {[]int{0, 0, 0}, []int{1, 0, 0}, 1},
			{[]int{0, 5, 5}, []int{1, 0, 0}, 2}, {[]int{0, 0, 0}, []int{1, 1, 1}, -1},
		}},
	} {
		b := &hostLeastConn{hs: make([]host, 3)}
		for i, s := range tc.steps {
			for h := range b.hs {
				b.hs[h].inflight = s.inflight[h]
				b.hs[h].down = 0
				if s.down != nil {
					b.hs[h].down = s.down[h]
				}
			}
			if got := b.pick(0); got != s.want {
				t.Errorf("%s, step %d (in flight %v): host %d; want %d", tc.name, i, s.inflight, got, s.want)
			}
		}
	}
}
