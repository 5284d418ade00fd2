//go:build !wasm

package main

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strconv"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/report"
	"github.com/cachepit/cachepit/web"
)

// The playground's driver, lesson.Play, the handout and `cachepit sim
// --compare` all run a system beside its partner; for the same settings
// they must report the same numbers.
func TestCompareAgreesEverywhere(t *testing.T) {
	handout := web.PlayHandout()
	for i, l := range lesson.All {
		if !l.Compare {
			continue
		}
		c := l.Config()
		end := l.End()

		// cachepit sim --compare with the lesson's settings, run to its end.
		args := []string{"sim", "--compare", "--json", "--requests", strconv.FormatInt(end, 10)}
		v, _ := url.ParseQuery(l.Query)
		for k := range v {
			args = append(args, "--"+k+"="+v.Get(k))
		}
		code, out, errOut := runCLI(args...)
		if code != 0 {
			t.Fatalf("%s: %v: exit %d: %s", l.Slug, args, code, errOut)
		}
		var cli map[string]report.Run
		if err := json.Unmarshal([]byte(out), &cli); err != nil {
			t.Fatalf("%s: %v", l.Slug, err)
		}

		// The playground's driver with the same settings, compared, at the lesson's end.
		views, err := web.PageViews(web.PageState{Config: c, Compare: true, At: end})
		if err != nil {
			t.Fatal(err)
		}
		// The lesson played natively.
		played, err := lesson.Play(l)
		if err != nil {
			t.Fatal(err)
		}
		lessonRuns := []report.Run{report.New(played.Config, played.Stats), report.New(web.Partner(c), *played.Partner)}
		numbers := func(r report.Run) report.Run { r.Query = ""; return r } // the CLI's link also names --requests

		for side := range 2 {
			page := numbers(report.New(views[side].Config, views[side].Stats))
			if want := numbers(cli[page.Mode]); !reflect.DeepEqual(page, want) {
				t.Errorf("%s, %s: the playground's driver gives\n%+v\ncachepit sim --compare gives\n%+v", l.Slug, page.Mode, page, want)
			}
			if want := numbers(lessonRuns[side]); !reflect.DeepEqual(page, want) {
				t.Errorf("%s, %s: the playground's driver gives\n%+v\nlesson.Play gives\n%+v", l.Slug, page.Mode, page, want)
			}
			h := handout[i].Runs[side]
			if h.Mode != page.Mode || h.HitRatio != page.Total.HitRatio || h.Reads != page.Total.Reads {
				t.Errorf("%s: the handout shows %+v; the playground's driver %s %v of %d reads", l.Slug, h, page.Mode, page.Total.HitRatio, page.Total.Reads)
			}
		}
		if got, want := handout[i].Notice, l.Notice(played); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: handout notices %q; lesson.Play's %q", l.Slug, got, want)
		}
		if got, want := handout[i].Theory.HitRatio, cli[c.Mode].Predicted; got != want {
			t.Errorf("%s: handout predicts %v; cachepit sim --compare %v", l.Slug, got, want)
		}
	}
}
