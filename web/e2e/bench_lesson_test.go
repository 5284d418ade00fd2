package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// shownJS, run in every new document before its own scripts, records as
// window.cpShown the first animation frame in which the page shows its
// first system at the top left of its picture: drawn, visible and not
// covered (by go-app's loader, which covers the whole page until app.wasm
// runs, or by nothing once the server's drawing is shown).
const shownJS = `(() => {
	const tick = () => {
		const s = document.getElementById("sys-0");
		if (s) {
			const r = s.getBoundingClientRect();
			if (r.top + 20 < innerHeight && s.contains(document.elementFromPoint(r.left + 20, r.top + 20))) {
				window.cpShown = performance.now();
				return;
			}
		}
		requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
})();`

// BenchmarkLessonStart loads a lesson link in a new browser with a fresh
// profile each time, as make bench-web's first render does, and prints
// when the browser first painted anything (first contentful paint), when
// the lesson's system was first on screen, uncovered, and when the client
// had drawn it (data-ready) and painted it (data-painted). With
// CACHEPIT_BENCH_OTHER set to the address of a server of another build, it
// loads that one and this one in turn (A, B, A, B...), so that both see
// the same load on the machine; CACHEPIT_BENCH_PATH loads another link:
//
//	go test -run '^$' -bench LessonStart -benchtime 1x ./web/e2e
func BenchmarkLessonStart(b *testing.B) {
	if env.skip != "" {
		b.Skip(env.skip)
	}
	path := "/learn?lesson=stale-data"
	if p := os.Getenv("CACHEPIT_BENCH_PATH"); p != "" {
		path = p // another page, such as "/?at=0"
	}
	builds := [][2]string{{"this build", env.base}}
	if other := os.Getenv("CACHEPIT_BENCH_OTHER"); other != "" {
		builds = [][2]string{{"other build", strings.TrimSuffix(other, "/")}, builds[0]}
	}
	const pairs = 6
	got := map[string]map[string][]float64{}
	for i := range pairs {
		for j, bd := range builds {
			m := lessonStart(b, bd[1]+path, filepath.Join(env.tmp, fmt.Sprintf("bench-lesson-%d-%d", i, j)))
			if got[bd[0]] == nil {
				got[bd[0]] = map[string][]float64{}
			}
			for k, v := range m {
				got[bd[0]][k] = append(got[bd[0]][k], v)
			}
			fmt.Printf("%s %s: first contentful paint %.0f ms, system on screen %.0f, client drawn %.0f, painted %.0f (%s)\n",
				bd[0], path, m["fcp"], m["shown"], m["ready"], m["painted"], loadAverage())
		}
	}
	for _, bd := range builds {
		var words []string
		for _, k := range [][2]string{{"fcp", "first contentful paint"}, {"shown", "system on screen"}, {"ready", "client drawn"}, {"painted", "painted"}} {
			v := got[bd[0]][k[0]]
			slices.Sort(v)
			words = append(words, fmt.Sprintf("%s %.0f (%.0f-%.0f)", k[1], v[len(v)/2], v[0], v[len(v)-1]))
		}
		fmt.Printf("%s, medians of %d loads, ms since navigation: %s\n", bd[0], pairs, strings.Join(words, ", "))
	}
}

// lessonStart loads u in a new browser with a fresh profile and returns the
// moments BenchmarkLessonStart prints, in ms since navigation.
func lessonStart(b *testing.B, u, profile string) map[string]float64 {
	ctx, done := freshTab(b, profile)
	defer done()
	m := map[string]float64{}
	err := chromedp.Run(ctx,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := cdppage.AddScriptToEvaluateOnNewDocument(shownJS).Do(ctx)
			return err
		}),
		chromedp.EmulateViewport(1440, 1000),
		chromedp.Navigate(u),
		chromedp.WaitReady(`html[data-painted]`),
		chromedp.Poll(`window.cpShown !== undefined`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`(() => {
			const m = {ready: Number(document.documentElement.dataset.ready), painted: Number(document.documentElement.dataset.painted), shown: window.cpShown};
			for (const e of performance.getEntriesByName("first-contentful-paint")) m.fcp = e.startTime;
			return m;
		})()`, &m),
	)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// loadAverage is the machine's load average, as uptime prints it.
func loadAverage() string {
	out, err := exec.Command("uptime").Output()
	if err != nil {
		return "uptime: " + err.Error()
	}
	s := strings.TrimSpace(string(out))
	if i := strings.Index(s, "load average"); i >= 0 {
		return s[i:]
	}
	return s
}
