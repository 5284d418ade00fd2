package load

import (
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// The replacements a server timed come back as flags to predict with.
func TestReplacementNote(t *testing.T) {
	c := sim.Default()
	c.Boot = 500_000
	if n := replacementNote(nil, c); n != "" {
		t.Errorf("no replacements: %q; want no note", n)
	}
	rs := []replacement{{2_000_000, 1_000_000}, {3_000_400, 2_000_600}, {1_000_000, 0}} // the last not up yet
	want := "the server timed 3 replaced workers: on average --respawn 2s --boot 1500ms (the engine was given --respawn 0 --boot 500ms)"
	if n := replacementNote(rs, c); n != want {
		t.Errorf("note %q; want %q", n, want)
	}
	if n := replacementNote([]replacement{{1_000_000, 0}}, c); n != "" {
		t.Errorf("no replacement up yet: %q; want no note", n)
	}
}
