package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	for i := range 5 {
		firsts = append(firsts, firstRender(b, filepath.Join(env.tmp, fmt.Sprintf("bench-profile-%d", i))))
	}
	slices.Sort(firsts)
	fmt.Printf("first render (navigation to drawn run, fresh profile, localhost): median %.0f ms, min %.0f, max %.0f over %d loads\n",
		firsts[len(firsts)/2], firsts[0], firsts[len(firsts)-1], len(firsts))
	b.ReportMetric(firsts[len(firsts)/2], "first-render-ms")

	r := fullSpeed(b, "workers=16", 5*time.Second)
	fmt.Printf("full speed, 16 workers, 5 s: %.1f screen updates/s, %.0f simulated requests/s, %.1f ms of Go per update (engine batch, snapshot, render)\n", r.updates, r.requests, r.frameMs)
	b.ReportMetric(r.frameMs, "go-ms/update")
	b.ReportMetric(r.updates, "updates/s")
	b.ReportMetric(r.requests, "requests/s")

	q := "workers=16&clients=64&threads=2&cpu=1000"
	r = fullSpeed(b, q, 5*time.Second)
	fmt.Printf("full speed, time view under load (%s), 5 s: %.1f screen updates/s, %.0f simulated requests/s, %.1f ms of Go per update; worker cards redrawn %.1f/s, backlog %.1f/s, cache chips %.1f/s\n",
		q, r.updates, r.requests, r.frameMs, r.cards, r.backlog, r.chips)
	b.ReportMetric(r.updates, "load-updates/s")
	b.ReportMetric(r.cards, "load-card-redraws/s")
	b.ReportMetric(r.backlog, "load-backlog-redraws/s")
}

// speed is what fullSpeed measures, per second of wall time except frameMs.
type speed struct {
	updates, requests, frameMs float64
	cards, backlog, chips      float64 // updates that changed a worker card's figures, the backlog, a card's cache chips
}

// firstRender loads the page in a new browser with a fresh profile (no
// cache, no service worker) and returns the milliseconds the client reports.
func firstRender(b *testing.B, profile string) float64 {
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocOptions(profile)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Run(ctx); err != nil { // start the browser before the clock matters
		b.Fatal(err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()
	var ms float64
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1440, 1000),
		chromedp.Navigate(env.base+"/?at=0"),
		chromedp.WaitReady(`html[data-ready]`),
		chromedp.Evaluate(`Number(document.documentElement.dataset.ready)`, &ms),
	)
	if err != nil {
		b.Fatal(err)
	}
	return ms
}

// fullSpeed plays at the highest speed and counts how often the screen's
// request counter changes.
func fullSpeed(b *testing.B, query string, d time.Duration) speed {
	ctx, cancel := chromedp.NewContext(env.browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, d+60*time.Second)
	defer cancelT()
	var res struct{ Updates, Seq, Ms, FrameMs, Cards, Backlog, Chips float64 }
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1440, 1000),
		chromedp.Navigate(fmt.Sprintf("%s/?%s&at=0", env.base, query)),
		cdppage.BringToFront(), // a background tab draws no frames
		chromedp.WaitReady(`html[data-ready]`),
		chromedp.Evaluate(`(() => { const s = document.getElementById("speed"); s.value = s.max; s.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, new(bool)),
		chromedp.Click(`#play`, chromedp.ByQuery),
		chromedp.Sleep(time.Second), // let the batch size settle
		chromedp.Evaluate(fmt.Sprintf(`new Promise(done => {
			const sys = document.getElementById("sys-0");
			let n = 0;
			const obs = new MutationObserver(() => n++);
			obs.observe(sys, {attributes: true, attributeFilter: ["data-seq"]});
			// each observer's callback runs once per update that changed what it watches
			const count = (sel, opts) => {
				const c = {n: 0};
				const o = new MutationObserver(() => c.n++);
				document.querySelectorAll(sel).forEach(el => o.observe(el, opts));
				return [c, o];
			};
			const [cards, oc] = count("#sys-0 .card .info, #sys-0 .card .threads", {subtree: true, characterData: true, childList: true, attributes: true});
			const [backlog, ob] = count("#s0-backlog", {attributes: true, attributeFilter: ["data-now"]});
			const [chips, oh] = count("#sys-0 .card .lru", {subtree: true, childList: true, characterData: true});
			const seq0 = Number(sys.dataset.seq), t0 = performance.now();
			setTimeout(() => {
				for (const o of [obs, oc, ob, oh]) o.disconnect();
				done({Updates: n, Seq: Number(sys.dataset.seq) - seq0, Ms: performance.now() - t0,
					FrameMs: Number(document.documentElement.dataset.frameMs),
					Cards: cards.n, Backlog: backlog.n, Chips: chips.n});
			}, %d);
		})`, d.Milliseconds()), &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		b.Fatal(err)
	}
	sec := res.Ms / 1000
	return speed{updates: res.Updates / sec, requests: res.Seq / sec, frameMs: res.FrameMs,
		cards: res.Cards / sec, backlog: res.Backlog / sec, chips: res.Chips / sec}
}
