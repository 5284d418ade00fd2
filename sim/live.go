package sim

// Live is what is under way at the origin at this moment, for drawing.
type Live struct {
	OriginActive  int // fetches and writes holding an origin connection now
	OriginWaiting int // requests waiting for a free origin connection
	Fetching      int // reads that missed and whose database fetch has not landed yet (waiting for a connection included)
	Flights       int // fetches in flight that other requests wait on (coalesce)
	Followers     int // requests waiting on those fetches
}

// Live reports what the origin is doing now. It changes nothing.
func (s *Sim) Live() Live {
	l := Live{OriginActive: s.pool.active, OriginWaiting: s.pool.waiting.len(), Fetching: s.pool.reading}
	for _, head := range s.flights {
		for x := head; x >= 0; x = s.reqs.reqs[x].nextFlight {
			n := 0
			for f := s.reqs.reqs[x].followers; f >= 0; f = s.reqs.reqs[f].nextFollower {
				n++
			}
			if n > 0 {
				l.Flights++
				l.Followers += n
			}
		}
	}
	return l
}
