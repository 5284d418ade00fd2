package sim

// Point is one window of the time series.
type Point struct {
	Seq         int64   // last request of the window
	At          int64   // µs when the window closed
	Reads       int64   // reads in the window
	Hits        int64   // reads answered by a cache
	OriginReads int64   // origin fetches in the window: the load on the database
	Stale       int64   // stale reads in the window
	Entries     int     // entries in all caches at the window's end
	Duplicates  int     // duplicate entries at the window's end
	OriginPeak  int     // most fetches and writes at the origin at once in the window
	Backlog     int     // most connections waiting on the sockets at once in the window
	Refused     int64   // connections refused in the window
	P50         int     // response time percentiles in the window, µs
	P95         int     //
	P99         int     //
	HitRatio    float64 // Hits / Reads in the window
}

// maxPoints bounds the series: when it fills, neighbouring windows merge and
// windows double in length, so memory stays flat however long the run.
const maxPoints = 240

type point struct {
	Point
	hist sparse // the window's response times
}

type series struct {
	every int64 // requests per window
	next  int64 // sequence number that closes the current window
	pts   []point
	base  point     // totals when the current window opened
	win   histogram // response times in the current window
}

func (t *series) reset(s *Sim) {
	t.every = 1
	t.next = s.seq + 1
	t.pts = t.pts[:0]
	t.base = s.totals()
	t.win.reset()
	s.pool.peak = s.pool.active
	s.backlogPeak = s.waiting
}

// totals gathers the running totals a window is the difference of.
func (s *Sim) totals() point {
	var p point
	for i := range s.workers {
		st := &s.workers[i].stats
		p.Reads += st.Reads
		p.Hits += st.Hits
		p.Stale += st.Stale
	}
	p.OriginReads = s.origin.Reads
	p.Refused = s.refused
	return p
}

func (t *series) close(s *Sim) {
	now := s.totals()
	p := point{Point: Point{
		Seq:         s.seq,
		At:          s.now,
		Reads:       now.Reads - t.base.Reads,
		Hits:        now.Hits - t.base.Hits,
		OriginReads: now.OriginReads - t.base.OriginReads,
		Stale:       now.Stale - t.base.Stale,
		Refused:     now.Refused - t.base.Refused,
		Entries:     s.entries,
		Duplicates:  s.entries - s.distinct,
		OriginPeak:  s.pool.peak,
		Backlog:     s.backlogPeak,
	}, hist: t.win.sparse()}
	s.pool.peak = s.pool.active
	s.backlogPeak = s.waiting
	s.hist.addAll(&t.win)
	t.win.reset()
	p.finish()
	t.pts = append(t.pts, p)
	t.base = now
	if len(t.pts) == maxPoints {
		t.halve()
	}
	t.next = s.seq + t.every
}

// halve merges neighbouring windows.
func (t *series) halve() {
	for i := 0; i+1 < len(t.pts); i += 2 {
		a, b := t.pts[i], t.pts[i+1]
		b.Reads += a.Reads
		b.Hits += a.Hits
		b.OriginReads += a.OriginReads
		b.Stale += a.Stale
		b.Refused += a.Refused
		b.OriginPeak = max(b.OriginPeak, a.OriginPeak)
		b.Backlog = max(b.Backlog, a.Backlog)
		b.hist = merge(a.hist, b.hist)
		b.finish()
		t.pts[i/2] = b
	}
	t.pts = t.pts[:len(t.pts)/2]
	t.every *= 2
}

func (p *point) finish() {
	p.P50, p.P95, p.P99 = p.hist.summary()
	p.HitRatio = ratio(p.Hits, p.Reads)
}

// Series returns the time series since counting started, oldest first.
func (s *Sim) Series() []Point {
	out := make([]Point, len(s.series.pts))
	for i, p := range s.series.pts {
		out[i] = p.Point
	}
	return out
}
