package lesson

import (
	"math"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// The run beside an outage draws the same keys in the same order, so its
// windows differ from the lesson's only by what the outage did.
func TestWithoutOutageSameRequests(t *testing.T) {
	c := replicas.Config()
	off := c
	off.Outage = ""
	a, err := sim.New(c)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := sim.New(off)
	for range 20000 {
		x, y := a.Step(), b.Step()
		if x.Seq != y.Seq || x.Key != y.Key || x.Op != y.Op {
			t.Fatalf("request %d: key %d op %v with the outage, key %d op %v without", x.Seq, x.Key, x.Op, y.Key, y.Op)
		}
	}
	same, err := withoutOutage(c, 20000)
	if err != nil {
		t.Fatal(err)
	}
	st := b.Stats()
	if got, ok := same.between(-1, math.MaxInt64); !ok || math.Abs(got-st.HitRatio) > 1e-12 {
		t.Errorf("whole run without the outage: hit ratio %v, the engine's %v", got, st.HitRatio)
	}
	if got, ok := same.between(b.Now(), math.MaxInt64); ok {
		t.Errorf("a window after the last request: %v, want none", got)
	}
}
