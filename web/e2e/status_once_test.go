package e2e

import (
	"testing"
)

// A sentence the page shows once: the note under a copied link is not
// repeated by the status line in the play bar (the live region still
// speaks it).
func TestStatusLineOnce(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=stale-data&at=1234", 1440, 1000)
	p.waitFor(`document.getElementById("run-count").textContent.trim() === "request 1,234 of 5,000"`)
	check := func(what string) {
		t.Helper()
		var got struct{ Note, Line, Said string }
		p.eval(`({Note: document.getElementById("link-note").textContent, Line: document.getElementById("status-line").textContent,
			Said: document.getElementById("status").textContent})`, &got)
		if got.Line == got.Note {
			t.Errorf("%s: the status line repeats the link's note %q", what, got.Note)
		}
		if got.Said != got.Note {
			t.Errorf("%s: the live region says %q; want the note %q", what, got.Said, got.Note)
		}
		if want := "Paused at request 1,234."; len(got.Line) < len(want) || got.Line[:len(want)] != want {
			t.Errorf("%s: status line %q; want it to start %q", what, got.Line, want)
		}
	}
	p.eval(`navigator.clipboard.writeText = () => Promise.resolve(); true`, new(bool))
	p.click("#copy-link")
	p.waitFor(`document.getElementById("link-note") !== null && document.getElementById("link-note").textContent.startsWith("Link copied")`)
	check("copied")
	p.eval(`navigator.clipboard.writeText = () => Promise.reject(new Error("refused")); true`, new(bool))
	p.click("#copy-link")
	p.waitFor(`document.getElementById("link-note").textContent.includes("did not allow")`)
	check("refused")
}
