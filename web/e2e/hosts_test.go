package e2e

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/web/view"
)

// A hosts link draws one group per host with its workers' cards, and every
// host's figures and every card's cache_info() equal the engine's.
func TestHostsDrawn(t *testing.T) {
	q := "hosts=3&workers=2&mode=host&writes=0.05"
	p := open(t, env.base+"/?"+q+"&at=3000", 1440, 1000)
	s := native(t, q, 3000)
	st := s.Stats()
	var groups []map[string]string
	p.eval(`[...document.querySelectorAll("#sys-0 .host")].map(h => ({id: h.id, workers: h.dataset.workers,
		cards: String(h.querySelectorAll(".card").length), requests: h.dataset.requests, hits: h.dataset.hits,
		reads: h.dataset.reads, cache: String(h.querySelectorAll(".host-cache").length)}))`, &groups)
	if len(groups) != len(st.Hosts) {
		t.Fatalf("%d host groups on screen; the engine has %d hosts", len(groups), len(st.Hosts))
	}
	for h, g := range groups {
		hs := st.Hosts[h]
		w := map[string]string{"id": fmt.Sprintf("s0-h%d", h), "workers": "2", "cards": "2", "cache": "1",
			"requests": strconv.FormatInt(hs.Total.Requests, 10), "hits": strconv.FormatInt(hs.Total.Hits, 10), "reads": strconv.FormatInt(hs.Total.Reads, 10)}
		same(t, fmt.Sprintf("host %d", h), g, w)
	}
	m := want(0, s)
	for i := range 6 {
		m[fmt.Sprintf("s0-w%d", i)] = view.InfoLine(s.Info(i))
	}
	same(t, "hosts=3", p.screen(0), m)
}

// The outage button records the outage in the link at the simulated time
// shown; once the clock passes it the shared cache shows it is down and
// counts errors, as the engine does with the same link.
func TestOutageButton(t *testing.T) {
	p := open(t, env.base+"/?mode=shared&at=2000", 1440, 1000)
	p.click("#s0-outage-shared")
	p.waitFor(`location.search.includes("outage=shared")`)
	p.waitFor(`document.getElementById("s0-outage-shared").textContent === "Bring the shared cache back"`)
	p.click("#play")
	p.waitFor(`document.getElementById("s0-shared").dataset.down === "true" && Number(document.getElementById("s0-shared").dataset.errors) > 0`)
	p.click("#play")
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Play"`)
	p.click("#s0-outage-shared") // bring it back: the link now ends the outage
	p.waitFor(`document.getElementById("s0-outage-shared").textContent === "Take the shared cache down"`)
	var search string
	p.eval(`location.search`, &search)
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	at, _ := strconv.Atoi(v.Get("at"))
	if v.Get("outage") == "" || at <= 2000 {
		t.Fatalf("URL after the outage: %q; want outage= and at past 2000", search)
	}
	s := native(t, "mode=shared&outage="+url.QueryEscape(v.Get("outage")), at)
	if st := s.Stats(); st.Shared.Errors == 0 {
		t.Errorf("engine with %q: no cache errors", v.Get("outage"))
	}
	var errs string
	p.eval(`document.getElementById("s0-shared").dataset.errors`, &errs)
	if w := strconv.FormatInt(s.Stats().Shared.Errors, 10); errs != w {
		t.Errorf("shared cache errors on screen %s; engine %s", errs, w)
	}
	same(t, "after the outage", p.screen(0), want(0, s))
}
