package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestHarnessCatches checks that the tab recorder notices what the other
// tests rely on it to notice: console errors and requests to other origins.
func TestHarnessCatches(t *testing.T) {
	p := open(t, env.base+"/?at=10", 800, 600)
	p.eval(`console.error("probe: console error"); fetch("http://other-origin.invalid/probe").catch(() => {}); true`, new(bool))
	deadline := time.Now().Add(5 * time.Second)
	for {
		p.mu.Lock()
		got := strings.Join(p.bad, "\n")
		p.mu.Unlock()
		if strings.Contains(got, "probe: console error") && strings.Contains(got, "other-origin.invalid") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("recorder saw %q; want the console error and the foreign request", got)
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.mu.Lock()
	p.bad = nil // expected here: do not fail the test for them
	p.mu.Unlock()
}

// TestTabDeadline: a tab opened with no budget of its own (openFor's 0,
// for a test that plays lessons for as long as the machine takes) still
// has a deadline, before go test's -timeout kills the binary with no word
// of where the page stood.
func TestTabDeadline(t *testing.T) {
	p := openFor(t, env.base+"/?at=10", 800, 600, 0)
	d, ok := p.ctx.Deadline()
	if !ok {
		t.Fatal("openFor(..., 0): the tab has no deadline")
	}
	if td, ok := t.Deadline(); ok && !d.Before(td) {
		t.Errorf("the tab's deadline %s is not before the test binary's %s", d.Format(time.TimeOnly), td.Format(time.TimeOnly))
	}
}
