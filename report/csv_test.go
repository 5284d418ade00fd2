package report

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func run(t *testing.T, q string, n int) Run {
	t.Helper()
	c, err := sim.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sim.New(c)
	if err != nil {
		t.Fatal(err)
	}
	s.Run(n)
	return New(c, s.Stats())
}

func TestWriteCSV(t *testing.T) {
	a, b := run(t, "workers=3&cache=20&keys=200&writes=0.05", 2000), run(t, "mode=shared&workers=3&cache=20&keys=200&writes=0.05", 2000)
	var sb strings.Builder
	if err := WriteCSV(&sb, a, b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(sb.String())).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, sb.String())
	}
	if got, want := len(rows), 1+(3+1)*2; got != want {
		t.Fatalf("%d rows; want %d (header, 3 workers and a total per system)", got, want)
	}
	if strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("header %v; want %v", rows[0], CSVHeader)
	}
	tests := []struct {
		row  int
		col  string
		want string
	}{
		{1, "system", "0"}, {1, "mode", "local"}, {1, "worker", "0"},
		{1, "hits", itoa(a.Workers[0].Hits)}, {1, "stale", itoa(a.Workers[0].Stale)},
		{3, "currsize", itoa(int64(a.Workers[2].Currsize))},
		{4, "worker", "total"}, {4, "requests", itoa(a.Total.Requests)}, {4, "misses", itoa(a.Total.Misses)},
		{5, "system", "1"}, {5, "mode", "shared"},
		{8, "hits", itoa(b.Total.Hits)}, {8, "stale", "0"},
	}
	for _, tt := range tests {
		col := -1
		for i, h := range CSVHeader {
			if h == tt.col {
				col = i
			}
		}
		if got := rows[tt.row][col]; got != tt.want {
			t.Errorf("row %d %s = %q; want %q", tt.row, tt.col, got, tt.want)
		}
	}
	if a.Total.Stale == 0 {
		t.Error("the per-worker run has no stale reads: the stale column is not tested")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
