package e2e

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// timeScreen reads what the picture says about time: the backlog, each
// card's busy threads, the origin's connections in use, the percentiles.
func (p *page) timeScreen() map[string]string {
	p.t.Helper()
	var got map[string]string
	p.eval(`(() => {
		const out = {};
		const b = document.getElementById("s0-backlog");
		out.backlog = b ? b.dataset.now : "(missing)";
		const o = document.getElementById("s0-origin");
		out.origin = o ? o.dataset.active : "(missing)";
		out.duplicates = o ? o.dataset.duplicates : "(missing)";
		for (const k of ["seq", "p50", "p99"]) {
			const el = document.getElementById("s0-" + k);
			out[k] = el ? el.textContent.trim() : "(missing)";
		}
		document.querySelectorAll("#sys-0 .threads").forEach(t => { out[t.id] = t.dataset.busy; });
		return out;
	})()`, &got)
	return got
}

// timeWant is what timeScreen must read for s.
func timeWant(s *sim.Sim) map[string]string {
	st := s.Stats()
	m := map[string]string{
		"seq":        view.Count(st.Seq),
		"backlog":    strconv.Itoa(st.Backlog.Now),
		"origin":     strconv.Itoa(s.Live().OriginActive),
		"duplicates": strconv.FormatInt(st.Origin.Duplicates, 10),
		"p50":        view.Micros(st.Latency.P50),
		"p99":        view.Micros(st.Latency.P99),
	}
	for i, w := range st.Workers[:min(len(st.Workers), view.MaxCards)] {
		m[fmt.Sprintf("s0-w%d-threads", i)] = strconv.Itoa(w.BusyThreads)
	}
	return m
}

// Under load, the backlog, each worker's busy threads, the origin's
// connections and the response-time percentiles on screen are the engine's,
// at a link's request and after playing and pausing.
func TestTimeOnScreen(t *testing.T) {
	q := "clients=8&threads=2&workers=2&cpu=1000"
	p := open(t, env.base+"/?"+q+"&at=3000", 1440, 1000)
	got, w := p.timeScreen(), timeWant(native(t, q, 3000))
	same(t, "at 3000", got, w)
	if w["backlog"] == "0" {
		t.Errorf("8 clients on 2×2 threads left no connection waiting: the test shows nothing")
	}
	p.click("#play")
	p.waitFor(`Number(document.getElementById("s0-seq").textContent.replace(/,/g, "")) > 3020`)
	p.click("#play")
	p.waitFor(`document.getElementById("play").textContent.includes("Play")`)
	got = p.timeScreen()
	n, err := strconv.Atoi(strings.ReplaceAll(got["seq"], ",", ""))
	if err != nil {
		t.Fatalf("request count on screen %q: %v", got["seq"], err)
	}
	same(t, fmt.Sprintf("paused at %d", n), p.timeScreen(), timeWant(native(t, q, n)))
}

// The deploy button restarts every worker: each card shows its process
// booting, and the address records the deploy so that the link replays it.
func TestDeployButton(t *testing.T) {
	q := "clients=16&threads=2&workers=4&boot=2s"
	p := open(t, env.base+"/?"+q+"&at=2000", 1440, 1000)
	p.click("#deploy")
	p.waitFor(`[...document.querySelectorAll("#sys-0 .card")].every(c => c.classList.contains("down"))`)
	// a worker busy at the deploy finishes its requests, then boots
	for i := range 4 {
		if s := p.text(fmt.Sprintf("#s0-w%d-boot", i)); !strings.Contains(s, "booting") && !strings.Contains(s, "finishing") {
			t.Errorf("worker %d after the deploy: %q; want it booting or finishing its requests", i, s)
		}
	}
	var search string
	p.eval(`location.search`, &search)
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	if v.Get("deploys") != "2000" || v.Get("at") != "2000" {
		t.Fatalf("URL after the deploy: %q; want deploys=2000 and at=2000", search)
	}
	s := native(t, q, 2000)
	s.RestartAll(false)
	same(t, "after the deploy", p.timeScreen(), timeWant(s))
	p.axe(axeSource(t), "playground after a deploy")

	p.click("#step")
	p.waitFor(`document.getElementById("s0-seq").textContent.trim() === "2,001"`)
	p.click("#deploy-rolling")
	p.waitFor(`new URLSearchParams(location.search).get("deploys") === "2000,2001r"`)

	again := open(t, env.base+"/"+search, 1440, 1000)
	same(t, "the link replayed", again.timeScreen(), timeWant(s))
}
