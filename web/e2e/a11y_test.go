package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, installed by npm ci from package-lock.json.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(env.root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core missing (run npm ci): %v", err)
		}
		t.Skipf("axe-core missing: run npm ci (%v)", err)
	}
	return string(b)
}

// violation is one failed axe rule.
type violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// axe runs axe-core on the page as it stands and fails on any serious or
// critical violation (WCAG 2.x A and AA rules and axe's best practices).
func (p *page) axe(src, what string) {
	p.t.Helper()
	var ok bool
	p.eval(`typeof axe !== "undefined" || (() => { (0, eval)(`+jsString(src)+`); return true })()`, &ok)
	var raw string
	err := chromedp.Run(p.ctx, chromedp.Evaluate(`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`,
		&raw, func(e *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return e.WithAwaitPromise(true) }))
	if err != nil {
		p.t.Fatalf("%s: axe: %v", what, err)
	}
	var vs []violation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		p.t.Fatalf("%s: axe result: %v", what, err)
	}
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			continue
		}
		var nodes []string
		for i, n := range v.Nodes {
			if i == 3 {
				nodes = append(nodes, fmt.Sprintf("and %d more", len(v.Nodes)-3))
				break
			}
			nodes = append(nodes, fmt.Sprint(n.Target)+" "+n.HTML)
		}
		p.t.Errorf("%s: axe %s (%s): %s\n  %s", what, v.ID, v.Impact, v.Help, strings.Join(nodes, "\n  "))
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestLessonsAccessible runs axe-core on every lesson, played to its end
// through its link, and on the presenter, embed and handout pages; it
// saves each lesson at phone and projector size.
func TestLessonsAccessible(t *testing.T) {
	src := axeSource(t)
	sizes := []struct {
		name string
		w, h int64
	}{{"phone", 375, 812}, {"projector", 1920, 1080}}
	for i, l := range lesson.All {
		end := len(l.Script) + l.Requests
		p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d", env.base, l.Slug, end), sizes[0].w, sizes[0].h)
		p.waitPlayed(l)
		if got, want := p.noticeLines(), played(t, l); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s opened at its end: notices %q; engine %q", l.Slug, got, want)
		}
		for _, size := range sizes {
			if err := chromedp.Run(p.ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
				t.Fatal(err)
			}
			p.axe(src, l.Slug+" at "+size.name+" size")
			p.noSideways(l.Slug, size.w)
			p.shot(fmt.Sprintf("lesson-%d-%s-%s", i+1, l.Slug, size.name), false)
			p.shot(fmt.Sprintf("lesson-%d-%s-%s-full", i+1, l.Slug, size.name), true)
		}
	}
	for _, c := range []struct{ name, path string }{
		{"presenter", "/learn?lesson=memory&at=20000&presenter=1"},
		{"embed", "/learn?lesson=stale-data&at=5000&embed=1"},
		{"handout", "/handout"},
		{"playground-django", "/?stack=django&workers=6&max-requests=200&at=2000"},
	} {
		for _, size := range sizes {
			p := open(t, env.base+c.path, size.w, size.h)
			p.axe(src, c.name)
			p.noSideways(c.name, size.w)
			p.shot(fmt.Sprintf("%s-%s", c.name, size.name), c.name == "handout")
		}
	}
}

// noSideways fails when the page scrolls sideways at width w.
func (p *page) noSideways(what string, w int64) {
	p.t.Helper()
	var over int64
	p.eval(`document.documentElement.scrollWidth - window.innerWidth`, &over)
	if over > 1 {
		p.t.Errorf("%s: the page is %d px wider than the %d px window", what, over, w)
	}
}
