package e2e

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// BenchmarkWeb measures the client: app.wasm size, time to the first full
// render, and screen updates and simulated requests per second at full speed
// with 16 workers. Run it once: make bench-web.
func BenchmarkWeb(b *testing.B) {
	if env.skip != "" {
		b.Skip(env.skip)
	}
	raw, err := os.ReadFile(filepath.Join(env.root, "web", "app.wasm"))
	if err != nil {
		b.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(raw)
	w.Close()
	fmt.Printf("app.wasm: %d bytes raw, %d bytes gzip -9\n", len(raw), gz.Len())
	b.ReportMetric(float64(len(raw)), "wasm-bytes")
	b.ReportMetric(float64(gz.Len()), "wasm-gzip-bytes")

	var firsts []float64
	steps := map[string][]float64{}
	for i := range 5 {
		ms, marks := firstRender(b, filepath.Join(env.tmp, fmt.Sprintf("bench-profile-%d", i)))
		firsts = append(firsts, ms)
		for k, v := range marks {
			steps[k] = append(steps[k], v)
		}
	}
	slices.Sort(firsts)
	fmt.Printf("first render (navigation to the client's drawing of the run, painted; fresh profile, localhost): median %.0f ms, min %.0f, max %.0f over %d loads\n",
		firsts[len(firsts)/2], firsts[0], firsts[len(firsts)-1], len(firsts))
	type step struct {
		name string
		ms   float64
	}
	var line []step
	for _, k := range firstRenderSteps {
		if v := steps[k[0]]; len(v) > 0 {
			slices.Sort(v)
			line = append(line, step{k[1], v[len(v)/2]})
		}
	}
	slices.SortStableFunc(line, func(a, b step) int { return cmp.Compare(a.ms, b.ms) })
	var words []string
	for _, s := range line {
		words = append(words, fmt.Sprintf("%s %.0f", s.name, s.ms))
	}
	fmt.Printf("first render, median ms since navigation: %s, painted (data-painted) %.0f\n", strings.Join(words, ", "), firsts[len(firsts)/2])
	b.ReportMetric(firsts[len(firsts)/2], "first-render-ms")
	for _, k := range []string{"shown", "lcp"} {
		if v := steps[k]; len(v) > 0 {
			b.ReportMetric(v[len(v)/2], k+"-ms")
		}
	}

	r := fullSpeed(b, "workers=16", 5*time.Second)
	fmt.Printf("full speed, 16 workers, 5 s: %.1f screen updates/s, %.0f simulated requests/s, %.1f ms of Go per update (engine batch, snapshot, figures or render; %s)%s\n", r.updates, r.requests, r.frameMs, r.frames, r.cpu)
	b.ReportMetric(r.frameMs, "go-ms/update")
	b.ReportMetric(r.updates, "updates/s")
	b.ReportMetric(r.requests, "requests/s")

	// Under a closed loop of 64 clients the backlog sits at 31 almost all the
	// time, so its count seldom changes; an open stream near saturation
	// moves it on nearly every frame. A backlog redraw is counted when the
	// drawing is brought to a new moment of the run (its data-seq), whether
	// or not the count changed, and reported beside how often the count did.
	for i, q := range []string{"workers=16&clients=64&threads=2&cpu=1000", "workers=16&arrivals=poisson&rate=30000&threads=2&cpu=1000"} {
		r = fullSpeed(b, q, 5*time.Second)
		fmt.Printf("full speed, time view under load (%s), 5 s: %.1f screen updates/s, %.0f simulated requests/s, %.1f ms of Go per update (%s); each worker card on screen redrawn at least %.1f/s, backlog redrawn %.1f/s (its count changed in %.1f updates/s; %.0f%% of updates showed the headline's moment in the backlog), cache chips %.1f/s%s\n",
			q, r.updates, r.requests, r.frameMs, r.frames, r.cards, r.backlog, r.backlogMoved, 100*r.backlogCurrent, r.chips, r.cpu)
		if i == 0 {
			b.ReportMetric(r.updates, "load-updates/s")
			b.ReportMetric(r.cards, "load-card-redraws/s")
			b.ReportMetric(r.backlog, "load-backlog-redraws/s")
		} else {
			b.ReportMetric(r.backlog, "open-backlog-redraws/s")
		}
	}
}

// speed is what fullSpeed measures, per second of wall time except frameMs,
// backlogCurrent and frames.
type speed struct {
	updates, requests, frameMs float64
	cards, backlog, chips      float64 // updates that changed the figures of the least-updated worker card on screen, brought the backlog to a new moment, changed a card's cache chips
	backlogMoved               float64 // updates whose headline moment has another backlog count than the one before
	backlogCurrent             float64 // share of updates whose backlog drawing is of the headline's moment (its data-seq)
	frames                     string  // Go time per kind of frame, as the probe reports it
	cpu                        string  // the renderer's main thread: CPU ms per update (see rendererCPU), or "" where /proc is missing
}

// firstRenderSteps are the moments of a first render that the page marks
// (performance.mark, named "cachepit:"+name) or the browser times, with
// the words the benchmark prints for them (in the order of their medians).
var firstRenderSteps = [][2]string{
	{"dcl", "DOMContentLoaded"},
	{"response", "app.wasm answered"},
	{"fetched", "app.wasm downloaded"},
	{"compiled", "compiled"},
	{"run", "go.run"},
	{"main", "main()"},
	{"mount", "playground mounted"},
	{"loaded", "run loaded"},
	{"fcp", "first contentful paint"},
	{"shown", "the server's drawing of the run painted"},
	{"lcp", "largest contentful paint"},
	{"ready", "client drawn (data-ready)"},
}

// freshTab starts a browser with a fresh profile (no cache, no service
// worker) before the clock matters, and gives its tab a minute.
func freshTab(b *testing.B, profile string) (context.Context, func()) {
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocOptions(profile)...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Run(ctx); err != nil {
		cancel()
		cancelAlloc()
		b.Fatal(err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	return ctx, func() { cancelT(); cancel(); cancelAlloc() }
}

// firstRender loads the page in a new browser with a fresh profile (no
// cache, no service worker) and returns the milliseconds until the
// client's drawing of the run is painted (data-painted, which only a
// visible tab sets), with the moments of firstRenderSteps.
func firstRender(b *testing.B, profile string) (float64, map[string]float64) {
	ctx, done := freshTab(b, profile)
	defer done()
	var ms float64
	marks := map[string]float64{}
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1440, 1000),
		chromedp.Navigate(env.base+"/?at=0"),
		chromedp.WaitReady(`html[data-painted]`),
		chromedp.Evaluate(`Number(document.documentElement.dataset.painted)`, &ms),
		chromedp.Evaluate(`(async () => {
			const m = {dcl: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
				ready: Number(document.documentElement.dataset.ready)};
			for (const e of performance.getEntriesByName("first-contentful-paint")) m.fcp = e.startTime;
			for (const r of performance.getEntriesByType("resource")) if (r.name.endsWith("/app.wasm")) m.fetched = r.responseEnd;
			for (const e of performance.getEntriesByType("mark")) if (e.name.startsWith("cachepit:")) m[e.name.slice(9)] = e.startTime;
			// The largest contentful paint so far: the browser reports a new
			// candidate only for an element larger than the last one, so the
			// client's drawing, which replaces the server's with the same
			// picture, moves it only where it draws something larger.
			m.lcp = await new Promise(resolve => {
				let last = 0;
				new PerformanceObserver(list => {
					for (const e of list.getEntries()) last = Math.max(last, e.startTime);
				}).observe({type: "largest-contentful-paint", buffered: true});
				setTimeout(() => resolve(last), 50);
			});
			return m;
		})()`, &marks, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		b.Fatal(err)
	}
	return ms, marks
}

// fullSpeed plays at the highest speed and counts how often the screen's
// request counter changes.
func fullSpeed(b *testing.B, query string, d time.Duration) speed {
	ctx, cancel := chromedp.NewContext(env.browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, d+60*time.Second)
	defer cancelT()
	var cpu0 float64 // CPU seconds of the renderers' main threads, at the start, then while measuring
	var cpuOK bool
	var res struct {
		Updates, Seq, Ms, FrameMs, Cards, Backlog, Chips, Moved, Current float64
		Frames                                                           string
	}
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1440, 1000),
		chromedp.Navigate(fmt.Sprintf("%s/?%s&at=0", env.base, query)),
		cdppage.BringToFront(), // a background tab draws no frames
		chromedp.WaitReady(`html[data-ready]`),
		chromedp.Evaluate(`(() => { const s = document.getElementById("speed"); s.value = s.max; s.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, new(bool)),
		chromedp.Click(`#play`, chromedp.ByQuery),
		chromedp.Sleep(time.Second), // let the batch size settle
		chromedp.ActionFunc(func(context.Context) error { cpu0, cpuOK = rendererCPU(); return nil }),
		chromedp.Evaluate(fmt.Sprintf(`new Promise(done => {
			const sys = document.getElementById("sys-0");
			let n = 0, moved = 0, current = 0, last = sys.dataset.backlog;
			const bl = document.getElementById("s0-backlog");
			const obs = new MutationObserver(() => {
				n++;
				if (sys.dataset.backlog !== last) moved++;
				last = sys.dataset.backlog;
				if (bl && bl.dataset.seq === sys.dataset.seq) current++;
			});
			obs.observe(sys, {attributes: true, attributeFilter: ["data-seq"]});
			// each observer's callback runs once per update that changed what it watches
			const count = (sel, opts) => {
				const c = {n: 0};
				const o = new MutationObserver(() => c.n++);
				document.querySelectorAll(sel).forEach(el => o.observe(el, opts));
				return [c, o];
			};
			// every card on screen counts its own updates; the slowest is reported
			const onScreen = [...document.querySelectorAll("#sys-0 .card")].filter(c => c.getBoundingClientRect().top < innerHeight);
			const perCard = onScreen.map(c => count("#" + c.id + " .info, #" + c.id + " .threads", {subtree: true, characterData: true, childList: true, attributes: true}));
			const cards = {get n() { return Math.min(...perCard.map(([c]) => c.n)); }}, oc = {disconnect() { perCard.forEach(([, o]) => o.disconnect()); }};
			const [backlog, ob] = count("#s0-backlog", {attributes: true, attributeFilter: ["data-seq"]});
			const [chips, oh] = count("#sys-0 .card .lru", {subtree: true, childList: true, characterData: true});
			const seq0 = Number(sys.dataset.seq), t0 = performance.now();
			setTimeout(() => {
				for (const o of [obs, oc, ob, oh]) o.disconnect();
				done({Updates: n, Seq: Number(sys.dataset.seq) - seq0, Ms: performance.now() - t0,
					FrameMs: Number(document.documentElement.dataset.frameMs),
					Frames: "figures " + (+document.documentElement.dataset.figuresMs).toFixed(1) + " ms (engine " + (+document.documentElement.dataset.figuresEngineMs).toFixed(1) + " ms, then the browser's render " + (+document.documentElement.dataset.renderMs).toFixed(1) + " ms), redrawn " + (+document.documentElement.dataset.drawnMs).toFixed(1) + " ms, frames figures/redrawn in the last second " + document.documentElement.dataset.frames,
					Cards: cards.n, Backlog: backlog.n, Chips: chips.n, Moved: moved, Current: current / Math.max(n, 1)});
			}, %d);
		})`, d.Milliseconds()), &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
		chromedp.ActionFunc(func(context.Context) error {
			cpu1, ok := rendererCPU()
			cpuOK = cpuOK && ok
			cpu0 = cpu1 - cpu0
			return nil
		}),
	)
	if err != nil {
		b.Fatal(err)
	}
	sec := res.Ms / 1000
	cpu := ""
	if cpuOK && res.Updates > 0 {
		cpu = fmt.Sprintf("; the renderer's main thread %.1f ms of CPU per update", 1000*cpu0/res.Updates)
	}
	return speed{cpu: cpu, updates: res.Updates / sec, requests: res.Seq / sec, frameMs: res.FrameMs,
		cards: res.Cards / sec, backlog: res.Backlog / sec, chips: res.Chips / sec,
		backlogMoved: res.Moved / sec, backlogCurrent: res.Current, frames: res.Frames}
}
