package report

import (
	"encoding/csv"
	"io"
	"strconv"
)

// CSVHeader is the first row of WriteCSV: one row per worker of each system.
var CSVHeader = []string{"system", "mode", "worker", "generation", "requests", "hits", "misses", "hit_ratio",
	"currsize", "maxsize", "evictions", "stale"}

// WriteCSV writes every worker of every run, one row each, then a "total"
// row per run; system numbers the runs from 0, in the order given.
func WriteCSV(w io.Writer, runs ...Run) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	i64 := func(n int64) string { return strconv.FormatInt(n, 10) }
	ratio := func(r float64) string { return strconv.FormatFloat(r, 'f', 4, 64) }
	for s, r := range runs {
		sys := strconv.Itoa(s)
		for _, x := range r.Workers {
			cw.Write([]string{sys, r.Mode, strconv.Itoa(x.ID), strconv.Itoa(x.Generation), i64(x.Requests),
				i64(x.Hits), i64(x.Misses), ratio(x.HitRatio), strconv.Itoa(x.Currsize), strconv.Itoa(x.Maxsize),
				i64(x.Evictions), i64(x.Stale)})
		}
		t := r.Total
		cw.Write([]string{sys, r.Mode, "total", "", i64(t.Requests), i64(t.Hits), i64(t.Misses), ratio(t.HitRatio),
			strconv.Itoa(sum(r.Workers, func(x Worker) int { return x.Currsize })),
			strconv.Itoa(sum(r.Workers, func(x Worker) int { return x.Maxsize })),
			i64(t.Evictions), i64(t.Stale)})
	}
	cw.Flush()
	return cw.Error()
}
