package load

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/sim"
)

// The time with fewer workers up is the server's alone: the engine does not
// count it, so its row says so and leaves the predicted and difference
// columns empty rather than showing "-".
func TestTableDegradedRow(t *testing.T) {
	d := int64(123_450)
	r := Result{Target: "127.0.0.1:8000", Server: board.Settings{Workers: 4, Mode: "local", Cache: 100}, Config: sim.Default()}
	r.Measured = Measure{Requests: 10, PerWorker: make([]int64, 4), Degraded: &d}
	r.Predicted = Measure{Requests: 10, PerWorker: make([]int64, 4)}
	var out bytes.Buffer
	WriteTable(&out, r)
	var row string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.Contains(l, "workers up") {
			row = l
		}
	}
	if row == "" {
		t.Fatalf("no row for the time with fewer workers up:\n%s", out.String())
	}
	if f := strings.Fields(row); !strings.Contains(row, "fewer than 4 workers up (measured only)") || f[len(f)-2] != "123.45" || f[len(f)-1] != "ms" {
		t.Errorf("row %q; want the label and 123.45 ms, with nothing after it", row)
	}
	r.Measured.Degraded = nil
	out.Reset()
	WriteTable(&out, r)
	if strings.Contains(out.String(), "workers up") {
		t.Errorf("a server that does not report the time got a row:\n%s", out.String())
	}
}
