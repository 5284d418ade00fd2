package stack

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// Every default cache is named in its stack's per-process text, and every
// fix in its shared text: the handout's list comes from the same generator.
func TestDefaultsNamedInCode(t *testing.T) {
	ds := Defaults()
	if len(ds) < 4 {
		t.Fatalf("%d defaults; want Flask, Django, Rails and Node", len(ds))
	}
	for _, d := range ds {
		if d.Title == "" {
			t.Errorf("%s: no title; is it a stack?", d.Stack)
		}
		for mode, names := range map[string][]string{"local": {d.Local}, "shared": d.Shared} {
			c := sim.Default()
			c.Mode = mode
			code, err := Generate(c, d.Stack)
			if err != nil {
				t.Fatalf("%s %s: %v", d.Stack, mode, err)
			}
			// the notes and the first code section: what these settings describe
			have, _, _ := strings.Cut(code.Text(), "## The ")
			for _, n := range names {
				if !strings.Contains(have, n) {
					t.Errorf("%s: %q is not in its %s text", d.Stack, n, mode)
				}
			}
		}
	}
}
