package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// TestReplicasHostReturns: lesson 12's outage of host 2 ends inside the
// run, so at the lesson's end host 2 is up and has refilled its cache; the
// progress shows the simulated clock, past the outage's end, as the engine
// has it; a lesson without seconds in it shows no clock.
func TestReplicasHostReturns(t *testing.T) {
	l := lesson.All[lesson.Index("replicas")]
	r, err := lesson.Play(l)
	if err != nil {
		t.Fatal(err)
	}
	_, _, back, err := sim.OutageSpan(l.Config().Outage)
	if err != nil {
		t.Fatal(err)
	}
	if r.Stats.Now <= back {
		t.Fatalf("the lesson ends at %d µs, before host 2 comes back at %d µs", r.Stats.Now, back)
	}
	p := open(t, fmt.Sprintf("%s/learn?lesson=replicas&at=%d", env.base, l.End()), 1280, 900)
	if got, want := p.text("#run-clock"), "simulated time "+view.Micros(int(r.Stats.Now)); got != want {
		t.Errorf("the clock says %q; want %q", got, want)
	}
	var down bool
	p.eval(`document.querySelector("#s0-h2").classList.contains("down")`, &down)
	if down {
		t.Errorf("at the lesson's end host 2 is still drawn down")
	}
	notice := strings.Join(p.noticeLines(), "\n")
	if !strings.Contains(notice, "came back at "+sim.FormatDuration(back)) {
		t.Errorf("what to notice does not say host 2 came back:\n%s", notice)
	}
	q := open(t, env.base+"/learn?lesson=memory&at=100", 1280, 900)
	var clocks int
	q.eval(`document.querySelectorAll("#run-clock").length`, &clocks)
	if clocks != 0 {
		t.Errorf("lesson 3, counted in requests, shows a clock")
	}
}
