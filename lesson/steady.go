package lesson

import (
	"fmt"
	"sort"
	"sync"

	"github.com/cachepit/cachepit/sim"
)

// steady is a run of the same requests with nothing out: each request's
// keys come from their own seeded stream, so it shows what the seconds of
// an outage would have measured without it, and a window's hit ratio can be
// told apart from the luck of its keys. Counts are cumulative per request
// answered, in the order answered.
type steady struct {
	at, hits, reads []int64
}

var steadyRuns sync.Map // query and requests → *steady

// withoutOutage runs c's first n requests with no outage, once per
// configuration.
func withoutOutage(c sim.Config, n int64) (*steady, error) {
	c.Outage = ""
	id := fmt.Sprintf("%s&n=%d", c.Query(), n)
	if v, ok := steadyRuns.Load(id); ok {
		return v.(*steady), nil
	}
	s, err := sim.New(c)
	if err != nil {
		return nil, err
	}
	r := &steady{at: make([]int64, 0, n), hits: make([]int64, 0, n), reads: make([]int64, 0, n)}
	var hits, reads int64
	for range n {
		e := s.Step()
		if e.Seq > int64(c.Warmup) && e.Op == sim.Read {
			reads++
			if e.Hit {
				hits++
			}
		}
		r.at, r.hits, r.reads = append(r.at, s.Now()), append(r.hits, hits), append(r.reads, reads)
	}
	steadyRuns.Store(id, r)
	return r, nil
}

// between is the hit ratio of the reads answered after from and up to to
// (µs); ok is false when no read was answered then.
func (r *steady) between(from, to int64) (ratio float64, ok bool) {
	i := sort.Search(len(r.at), func(i int) bool { return r.at[i] > from })
	j := sort.Search(len(r.at), func(i int) bool { return r.at[i] > to })
	if j == 0 || i >= j {
		return 0, false
	}
	var h0, r0 int64
	if i > 0 {
		h0, r0 = r.hits[i-1], r.reads[i-1]
	}
	if r.reads[j-1] == r0 {
		return 0, false
	}
	return float64(r.hits[j-1]-h0) / float64(r.reads[j-1]-r0), true
}
