// Package progress shows how far a long command-line run has got, on one
// line of a terminal, and nothing anywhere else.
//
//	bar := progress.New(os.Stderr, "requests", n)
//	for done := 0; done < n; done += k {
//		work(k)
//		bar.Set(done + k)
//	}
//	bar.Done()
package progress

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
)

const (
	delay = time.Second            // runs shorter than this show nothing
	every = 200 * time.Millisecond // at most five redraws a second
)

// Bar is one line, "requests: 12,000,000 of 60,000,000 (20%), 8 s left",
// drawn over itself. A nil Bar, or one writing to no terminal, is silent.
type Bar struct {
	w     io.Writer // nil: silent
	label string
	total int
	now   func() time.Time
	start time.Time // when the bar was made
	drawn time.Time // when the line was last drawn
	shown bool      // something is on the line, for Done to clear
}

// New returns a bar for a run of total steps that draws on w when w is a
// terminal, and is silent otherwise (a pipe, a file, nil).
func New(w io.Writer, label string, total int) *Bar {
	if !IsTerminal(w) {
		w = nil
	}
	return newBar(w, label, total, time.Now)
}

func newBar(w io.Writer, label string, total int, now func() time.Time) *Bar {
	return &Bar{w: w, label: label, total: total, now: now, start: now()}
}

// IsTerminal reports whether w is a character device: a terminal, or
// /dev/null, where drawing is harmless.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Set says that done of the total steps are done. It draws once the run
// has lasted a second, then at most five times a second.
func (b *Bar) Set(done int) {
	if b == nil || b.w == nil {
		return
	}
	t := b.now()
	elapsed := t.Sub(b.start)
	if elapsed < delay || (b.shown && t.Sub(b.drawn) < every) {
		return
	}
	b.drawn, b.shown = t, true
	line := fmt.Sprintf("%s: %s of %s", b.label, group(done), group(b.total))
	if b.total > 0 && done > 0 && done <= b.total {
		line += fmt.Sprintf(" (%d%%)", done*100/b.total)
		left := time.Duration(float64(elapsed) * float64(b.total-done) / float64(done))
		line += fmt.Sprintf(", %d s left", int(left.Round(time.Second)/time.Second))
	}
	fmt.Fprint(b.w, "\r\x1b[K"+line)
}

// Done clears the line, if anything was drawn, so that what follows
// starts on a clean one.
func (b *Bar) Done() {
	if b != nil && b.shown {
		fmt.Fprint(b.w, "\r\x1b[K")
		b.shown = false
	}
}

// group writes n with thousands separators: 60,000,000.
func group(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
