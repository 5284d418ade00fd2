package sim

import (
	"strings"
	"testing"
)

// The replay shows the post's @lru_cache(maxsize=2) in every mode: whichever
// cache answers cache_info (a worker's, the shared one, its host's) holds 2.
func TestBlogMaxsize(t *testing.T) {
	for _, mode := range Modes {
		steps, err := Blog(mode)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range steps[1:] {
			if !strings.Contains(s.Answer, `"Maxsize": 2,`) {
				t.Errorf("%s, worker %d: %s; want Maxsize 2, the post's lru_cache(maxsize=2)", mode, s.Worker, s.Answer)
			}
		}
	}
}
