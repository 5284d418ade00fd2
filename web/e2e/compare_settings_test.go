package e2e

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/web/view"
)

// TestCompareSettingsLine: comparing, the Settings line names the caches of
// both systems, each under its side, and which one the fields set; it
// described only the page's own system (with mode=shared, the right one).
func TestCompareSettingsLine(t *testing.T) {
	for _, q := range []string{"compare=true&at=100", "compare=true&mode=shared&at=100"} {
		p := open(t, env.base+"/?"+q, 1280, 800)
		st, _ := view.ParsePage(q)
		r, err := view.NewRunner(st)
		if err != nil {
			t.Fatal(err)
		}
		vs := r.Views()
		got, want := p.text("#mode-sizes"), view.CompareCacheSizes(st.Config, vs[0].Config, vs[1].Config)
		if got != want {
			t.Errorf("%s: the Settings line says %q; want %q", q, got, want)
		}
		for _, w := range []string{"Left (per-worker caches): lru_cache(maxsize=100) in each of 4 workers", "Right (shared cache): one shared cache of 400 entries"} {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the Settings line %q does not say %q", q, got, w)
			}
		}
	}
}
