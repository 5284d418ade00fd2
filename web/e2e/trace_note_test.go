package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// TestLogNumbersExplained: with several requests at once the request log
// says why its numbers can run ahead of the finished count, and a card
// whose lookups run ahead of its finished reads says a read is in progress;
// one request at a time, no note.
func TestLogNumbersExplained(t *testing.T) {
	const q = "clients=8&threads=2&workers=2&cpu=1000"
	p := open(t, env.base+"/?"+q+"&at=3000", 1280, 800)
	if got := p.text("#sys-0 .trace-note"); !strings.Contains(got, "numbered as they arrive") {
		t.Errorf("request log note %q", got)
	}
	s := native(t, q, 3000)
	progress := 0
	for i, w := range s.Stats().Workers {
		in := s.Info(i)
		d := in.Hits + in.Misses - w.Reads
		var totals string
		p.eval(fmt.Sprintf(`(document.getElementById("s0-w%d-totals") || {}).textContent || ""`, i), &totals)
		if d > 0 {
			progress++
		}
		if got := strings.Contains(totals, "still in progress"); got != (d > 0) {
			t.Errorf("worker %d: %d lookups, %d finished reads; totals line %q", i, in.Hits+in.Misses, w.Reads, totals)
		}
	}
	if progress == 0 {
		t.Errorf("no worker has a read in progress at request 3000: the test shows nothing")
	}
	p.eval(`document.querySelector("#sys-0 .trace").scrollIntoView({block: "center"}); true`, new(bool))
	p.shot("log-note", false)

	one := open(t, env.base+"/?clients=1&at=300", 1280, 800)
	var n int
	one.eval(`document.querySelectorAll(".trace-note").length`, &n)
	if n != 0 {
		t.Errorf("one client: %d request log notes; want none", n)
	}
}
