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
