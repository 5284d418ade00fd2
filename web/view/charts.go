package view

import "github.com/cachepit/cachepit/sim"

// Charts turns the systems' time series into the page's charts. With two
// systems every chart draws both, the second one dashed.
func Charts(views []System) []ChartData {
	get := func(f func(Window) float64) func(System) []float64 {
		return func(v System) []float64 {
			ws := Downsample(v.Series, 60, 20)
			out := make([]float64, len(ws))
			for i, w := range ws {
				out[i] = f(w)
			}
			return out
		}
	}
	per1000 := func(n, of int64) float64 {
		if of == 0 {
			return 0
		}
		return 1000 * float64(n) / float64(of)
	}
	pct, us := "pct", "us"
	return []ChartData{
		chart("chart-hit-ratio", "Hit ratio", "How many reads a cache answered, per window.", pct, views,
			series{"", "c-hit", get(func(w Window) float64 { return w.HitRatio })}),
		chart("chart-origin", "Database reads per 1,000 requests", "Every miss is a trip to the database.", "", views,
			series{"", "c-origin", get(func(w Window) float64 { return per1000(w.OriginReads, w.Requests) })}),
		chart("chart-memory", "Entries held and duplicates", "Duplicates are copies of a key already cached elsewhere: memory that buys no hits.", "", views,
			series{"entries", "c-entries", get(func(w Window) float64 { return float64(w.Entries) })},
			series{"dup", "c-dup", get(func(w Window) float64 { return float64(w.Duplicates) })}),
		staleChart(chart("chart-stale", "Stale reads per 1,000 requests", "A write reaches the database; other workers keep serving their old copy.", "", views,
			series{"", "c-stale", get(func(w Window) float64 { return per1000(w.Stale, w.Requests) })})),
		chart("chart-latency", "Response time p50 / p95 / p99", "From arrival to answer: waiting in the backlog, the app's work, cache and database trips. Each window's own percentiles; the tiles give p50 and p99 over the whole run.", us, views,
			series{"p50", "c-p50", get(func(w Window) float64 { return float64(w.P50) })},
			series{"p95", "c-p95", get(func(w Window) float64 { return float64(w.P95) })},
			series{"p99", "c-p99", get(func(w Window) float64 { return float64(w.P99) })}),
		chart("chart-backlog", "Backlog: connections waiting", "The most connections waiting for a free worker thread at once, per window.", "", views,
			series{"", "c-backlog", get(func(w Window) float64 { return float64(w.Backlog) })}),
	}
}

// staleFloor is the stale chart's least axis top, per 1,000 requests: one
// stale read in an early, 20-request window is 50 per 1,000, and drew as a
// spike the chart's full height.
const staleFloor = 100

func staleChart(d ChartData) ChartData {
	d.Floor = staleFloor
	return d
}

type series struct {
	label string
	class string
	of    func(System) []float64
}

func chart(id, title, note string, unit string, views []System, ss ...series) ChartData {
	d := ChartData{ID: id, Title: title, Note: note, Unit: unit}
	for i, v := range views {
		for _, s := range ss {
			label, class := s.label, s.class
			if len(views) == 1 && label == "" {
				label = shortTitle(v.Config.Mode)
			}
			if len(views) > 1 {
				label = joinLabel(shortTitle(v.Config.Mode), label)
				if i > 0 {
					class += " second"
				}
			}
			d.Lines = append(d.Lines, Line{Label: label, Class: class, Values: s.of(v)})
		}
	}
	return d
}

func joinLabel(a, b string) string {
	if b == "" {
		return a
	}
	return a + " " + b
}

func shortTitle(mode string) string {
	switch mode {
	case "shared":
		return "shared"
	case "tiered":
		return "tiered"
	}
	return "per-worker"
}

// Window is a stretch of the run: the engine's windows merged.
type Window struct {
	sim.Point
	Requests int64 // requests in the stretch
}

// Downsample merges neighbouring windows into at most n points of at least
// minReads reads each, so that early, one-request windows do not draw as
// spikes. Counts add up; ratios are recomputed; levels take the last window.
func Downsample(pts []sim.Point, n int, minReads int64) []Window {
	if len(pts) == 0 {
		return nil
	}
	span := (pts[len(pts)-1].Seq + int64(n) - 1) / int64(n)
	var out []Window
	var cur sim.Point
	var start int64 = -1
	prev := pts[0].Seq - 1 // the first window's length: one request, until the series has merged windows
	if len(pts) > 1 {      // the engine's windows all have one length, which doubles as they merge
		prev = max(0, pts[0].Seq-(pts[1].Seq-pts[0].Seq))
	}
	for _, p := range pts {
		if start < 0 {
			cur, start = p, prev+1 // the stretch's first request
		} else {
			cur.Reads += p.Reads
			cur.Hits += p.Hits
			cur.OriginReads += p.OriginReads
			cur.Stale += p.Stale
			cur.Seq, cur.Entries, cur.Duplicates = p.Seq, p.Entries, p.Duplicates
			cur.P50, cur.P95, cur.P99 = max(cur.P50, p.P50), max(cur.P95, p.P95), max(cur.P99, p.P99)
			cur.Backlog, cur.OriginPeak = max(cur.Backlog, p.Backlog), max(cur.OriginPeak, p.OriginPeak)
			cur.Refused += p.Refused
		}
		if p.Seq-start+1 >= span && cur.Reads >= minReads {
			if cur.Reads > 0 {
				cur.HitRatio = float64(cur.Hits) / float64(cur.Reads)
			}
			out = append(out, Window{cur, cur.Seq - prev})
			prev, start = cur.Seq, -1
		}
	}
	if start >= 0 && cur.Reads >= minReads { // the latest, shorter stretch
		cur.HitRatio = float64(cur.Hits) / float64(cur.Reads)
		out = append(out, Window{cur, cur.Seq - prev})
	}
	return out
}
