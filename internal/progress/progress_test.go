package progress

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// clock is a fake wall clock that a test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time                 { return c.t }
func (c *clock) after(d time.Duration)          { c.t = c.t.Add(d) }
func lastLine(b *bytes.Buffer) string           { s := b.String(); return s[strings.LastIndex(s, "\r\x1b[K")+4:] }
func newTestBar(c *clock, w *bytes.Buffer) *Bar { return newBar(w, "requests", 60_000_000, c.now) }

func TestBar(t *testing.T) {
	var out bytes.Buffer
	c := &clock{t: time.Unix(0, 0)}
	b := newTestBar(c, &out)

	c.after(900 * time.Millisecond)
	b.Set(5_000_000)
	if out.Len() != 0 {
		t.Fatalf("drew %q before a second had passed", out.String())
	}
	c.after(1100 * time.Millisecond) // 2 s in, a fifth done: 8 s left
	b.Set(12_000_000)
	if got, want := lastLine(&out), "requests: 12,000,000 of 60,000,000 (20%), 8 s left"; got != want {
		t.Errorf("line %q; want %q", got, want)
	}
	n := out.Len()
	c.after(100 * time.Millisecond)
	b.Set(13_000_000)
	if out.Len() != n {
		t.Errorf("redrew after 100 ms: %q", out.String()[n:])
	}
	c.after(150 * time.Millisecond)
	b.Set(14_000_000)
	if !strings.HasPrefix(lastLine(&out), "requests: 14,000,000 of") {
		t.Errorf("no redraw after 250 ms: %q", out.String())
	}
	b.Done()
	if !strings.HasSuffix(out.String(), "\r\x1b[K") {
		t.Errorf("Done left the line: %q", out.String())
	}
}

// A run shorter than a second, a bar on a pipe or a file, and a nil bar
// print nothing.
func TestSilent(t *testing.T) {
	var out bytes.Buffer
	c := &clock{t: time.Unix(0, 0)}
	b := newTestBar(c, &out)
	for i := range 10 {
		c.after(90 * time.Millisecond)
		b.Set(i * 6_000_000)
	}
	b.Done()
	if out.Len() != 0 {
		t.Errorf("a 0.9 s run printed %q", out.String())
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, err := os.Create(t.TempDir() + "/log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{w, f, &out, nil} {
		if IsTerminal(w) {
			t.Errorf("IsTerminal(%T) = true", w)
		}
		if New(w, "x", 1).w != nil {
			t.Errorf("New(%T) would draw", w)
		}
	}
	var nilBar *Bar
	nilBar.Set(1)
	nilBar.Done()
}

func TestGroup(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {60_000_000, "60,000,000"}, {-1234, "-1,234"}, {-123, "-123"}} {
		if got := group(tt.n); got != tt.want {
			t.Errorf("group(%d) = %q; want %q", tt.n, got, tt.want)
		}
	}
}
