package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// TestPostLessonSteps: stepping through the post's lesson, the status line
// names each request as the post does and never calls cache_info() a cache
// hit (a newcomer read "a hit in the worker's own cache" for requests 2 and 3).
func TestPostLessonSteps(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=the-post&at=0", 1440, 1000)
	want := []string{"GET / on worker ", "GET /get_cache_info on worker ", "GET /get_cache_info on worker "}
	for i, w := range want {
		p.key("s")
		p.waitFor(fmt.Sprintf(`document.getElementById("run-count").textContent.startsWith("request %d ")`, i+1))
		p.waitFor(fmt.Sprintf(`document.getElementById("status").textContent.startsWith("Request %d:")`, i+1))
		got := p.text("#status")
		if !strings.HasPrefix(got, fmt.Sprintf("Request %d: %s", i+1, w)) {
			t.Errorf("after step %d the status says %q; want it to name %q", i+1, got, w)
		}
		if i > 0 && (strings.Contains(got, "hit") || !strings.Contains(got, "cache_info()")) {
			t.Errorf("after step %d the status says %q: cache_info() is no cache hit", i+1, got)
		}
	}
}
