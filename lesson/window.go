package lesson

import "fmt"

// window sums up one system's time series over a stretch of the run: what
// a chart of that stretch shows.
type window struct {
	From  int64 // the first request it covers
	To    int64 // the last request it covers; 0 when it covers none
	Reads int64 // database reads
	Peak  int   // most fetches at the database at once
	P99   int   // the worst 99th-percentile response time of its series windows, µs
}

// window reads system i's series over the requests after from, up to and
// including to. A series window counts when its last request falls there.
func (r Run) window(i int, from, to int64) window {
	var w window
	if i >= len(r.Series) {
		return w
	}
	prev := int64(0)
	for _, p := range r.Series[i] {
		if p.Seq > from && p.Seq <= to {
			if w.To == 0 {
				w.From = prev + 1
			}
			w.To = p.Seq
			w.Reads += p.OriginReads
			w.Peak = max(w.Peak, p.OriginPeak)
			w.P99 = max(w.P99, p.P99)
		}
		prev = p.Seq
	}
	return w
}

// ms writes µs as milliseconds with one decimal: 175583 → "175.6 ms".
func ms[T int | int64 | float64](us T) string { return fmt.Sprintf("%.1f ms", float64(us)/1000) }
