package e2e

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
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
	var begun string
	p.eval(`new URLSearchParams(location.search).get("outage")`, &begun)
	if !regexp.MustCompile(`^shared@\d+ms-$`).MatchString(begun) {
		t.Errorf("outage= %q while the shared cache is down; want it open-ended, such as shared@2501ms-", begun)
	}
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
	if !regexp.MustCompile(`^shared@\d+ms-\d+ms$`).MatchString(v.Get("outage")) || at <= 2000 {
		t.Fatalf("URL after the outage: %q; want the outage with its end and at past 2000", search)
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

// The two lessons on hosts and outages say, once played in the browser,
// exactly what lesson.Play says natively (TestLessonsByKeyboard walks every
// lesson; this checks these two alone, quickly).
func TestHostLessonsNotices(t *testing.T) {
	for _, slug := range []string{"replicas", "outage"} {
		l := lesson.All[lesson.Index(slug)]
		// The tab's long budget (openFor's 0): each wait lasts as long as the run moves (waitPaused).
		p := openFor(t, env.base+"/learn?lesson="+slug, 1440, 1000, 0)
		p.waitPlayed(l) // Space at each of its marked moments
		want := played(t, l)
		if got := p.noticeLines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: what to notice on screen:\n%s\nengine:\n%s", slug, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// waitLong is waitFor with a longer budget: a 20,000-request lesson with
// its partner takes a while on a loaded machine.
func (p *page) waitLong(js string, d time.Duration) {
	p.t.Helper()
	if !p.holds(js, d) {
		p.t.Fatalf("waiting %s for %s", d, js)
	}
}

// holds polls js every 200 ms for up to d and reports whether it came true.
func (p *page) holds(js string, d time.Duration) bool {
	p.t.Helper()
	p.front() // a tab in the background is throttled
	deadline := time.Now().Add(d)
	for {
		var ok bool
		p.eval(js, &ok)
		if ok {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(200 * time.Millisecond)
	}
}
