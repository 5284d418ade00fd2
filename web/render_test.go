package web

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func html(ui app.UI) string {
	var b bytes.Buffer
	app.PrintHTML(&b, ui)
	return b.String()
}

// A panic in a run shows a banner with a reset button instead of a dead page.
func TestFailureBanner(t *testing.T) {
	got := html(failure("index out of range [7] with length 4"))
	for _, want := range []string{`id="failure"`, `role="alert"`, "index out of range [7] with length 4", `id="failure-reset"`, "Reset"} {
		if !strings.Contains(got, want) {
			t.Errorf("banner %s lacks %q", got, want)
		}
	}
	if got := html(app.Div().Body(failure(""))); strings.Contains(got, "failure") {
		t.Errorf("banner drawn without a failure: %s", got)
	}
}

func TestNotices(t *testing.T) {
	_, notes := view.ParsePage("workers=abc&mode=bogus")
	got := html(notices("Some settings could not be used and kept their default:", notes))
	for _, want := range []string{`id="notice"`, `role="alert"`, "workers", "mode", "default"} {
		if !strings.Contains(got, want) {
			t.Errorf("notice %s lacks %q", got, want)
		}
	}
}

func TestBlogVerdict(t *testing.T) {
	for _, tt := range []struct {
		mode, want string
	}{{"local", "disagree"}, {"shared", "agree"}, {"tiered", "disagree"}} {
		steps, err := sim.Blog(tt.mode)
		if err != nil {
			t.Fatal(err)
		}
		if _, cls := blogVerdict(steps); cls != tt.want {
			t.Errorf("%s: verdict %q; want %q (answers %q and %q)", tt.mode, cls, tt.want, steps[1].Answer, steps[2].Answer)
		}
	}
}

// The replay of the post's requests says where it runs: on the first host
// when there are several, and in the host modes that the two workers agree
// because they share their host's cache, not because there is one cache.
func TestBlogHostWords(t *testing.T) {
	for _, tt := range []struct {
		mode  string
		hosts int
		want  []string
		not   []string
	}{
		{"local", 1, []string{"# gunicorn --workers 2 app:app   # @lru_cache(maxsize=2), one cache per worker", "each have their own cache"}, []string{"host 0"}},
		{"shared", 1, []string{"there is one cache."}, []string{"host 0", "per host"}},
		{"local", 3, []string{"# host 0 of 3: gunicorn --workers 2", "reach host 0 of the 3, and the other hosts are not asked", "each have their own cache"}, nil},
		{"shared", 3, []string{"# host 0 of 3:", "there is one cache."}, nil},
		{"host", 1, []string{"one cache per host, shared by its workers", "they share their host&#39;s cache."}, []string{"there is one cache", "other"}},
		{"host", 3, []string{"# host 0 of 3:", "one cache per host", "they share their host&#39;s cache. Each of the other 2 hosts has its own"}, []string{"there is one cache"}},
		{"tiered-host", 3, []string{"per-worker cache in front of one per host", "each have their own cache"}, []string{"one cache per worker"}},
	} {
		steps, err := sim.Blog(tt.mode)
		if err != nil {
			t.Fatal(err)
		}
		got := html((&BlogReplay{Mode: tt.mode, Hosts: tt.hosts, Steps: steps}).Render())
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s, %d hosts: %s\nlacks %q", tt.mode, tt.hosts, got, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("%s, %d hosts: %s\nsays %q", tt.mode, tt.hosts, got, w)
			}
		}
	}
}
