package web

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
)

// The post's lesson steps through GET / and two GET /get_cache_info: the
// status line names them so and never calls cache_info() a cache hit.
func TestLastEventThePost(t *testing.T) {
	l := lesson.All[lesson.Index("the-post")]
	r, err := view.NewLessonRunner(l, view.PageState{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Request 1: GET / on worker ",
		"Request 2: GET /get_cache_info on worker ",
		"Request 3: GET /get_cache_info on worker ",
	}
	for i, w := range want {
		r.Advance(1)
		got := lastEvent(r.Views())
		if !strings.HasPrefix(got, w) {
			t.Errorf("after request %d: %q; want it to start %q", i+1, got, w)
		}
		if i > 0 && (strings.Contains(got, "hit") || !strings.Contains(got, "cache_info()")) {
			t.Errorf("after request %d: %q calls cache_info() a hit or does not name it", i+1, got)
		}
	}
}
