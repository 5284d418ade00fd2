package report

import (
	"bufio"
	"io"
	"strconv"

	"github.com/cachepit/cachepit/sim"
)

// TraceHeader is the first line of a trace.
const TraceHeader = "seq,worker,key,op,served_from,hit,stale"

// Trace writes one CSV row per request.
type Trace struct {
	w   *bufio.Writer
	buf []byte
}

// NewTrace starts a trace on w with its header.
func NewTrace(w io.Writer) *Trace {
	t := &Trace{w: bufio.NewWriter(w)}
	t.w.WriteString(TraceHeader + "\n")
	return t
}

// Add writes ev's row.
func (t *Trace) Add(ev sim.Event) {
	b := t.buf[:0]
	b = strconv.AppendInt(b, ev.Seq, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(ev.Worker), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(ev.Key), 10)
	b = append(b, ',')
	b = append(b, ev.Op.String()...)
	b = append(b, ',')
	b = append(b, ev.From.String()...)
	b = append(b, ',', bit(ev.Hit), ',', bit(ev.Stale), '\n')
	t.w.Write(b)
	t.buf = b
}

// Flush writes out what is buffered and reports the first write error.
func (t *Trace) Flush() error { return t.w.Flush() }

func bit(b bool) byte {
	if b {
		return '1'
	}
	return '0'
}
