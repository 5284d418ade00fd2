package e2e

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	runpkg "github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// settle pauses the page and reads back the link: its outage setting and
// the request it shows.
func (p *page) settle() (outage string, at int) {
	p.t.Helper()
	p.click("#play")
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Play"`)
	var search string
	p.eval(`location.search`, &search)
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	at, _ = strconv.Atoi(v.Get("at"))
	return v.Get("outage"), at
}

// allCards is want(sys, s) with every host's worker cards.
func allCards(sys int, s *sim.Sim) map[string]string {
	m := want(sys, s)
	c := s.Config()
	for i := range min(max(c.Hosts, 1)*c.Workers, view.MaxCards) {
		m[fmt.Sprintf("s%d-w%d", sys, i)] = view.InfoLine(s.Info(i))
	}
	return m
}

// TestCompareSharedOutage: in a comparison the shared cache's outage
// reaches only the system that has a shared cache, the page says so, and
// the per-worker side serves exactly as the engine does without it.
func TestCompareSharedOutage(t *testing.T) {
	const q = "mode=shared&writes=0.05"
	p := open(t, env.base+"/?compare=true&"+q+"&at=2000", 1440, 1000)
	p.click("#s1-outage-shared") // the shared cache is the second system: per-worker caches come first
	p.waitFor(`document.getElementById("outage-note") !== null`)
	note := p.text("#outage-note")
	if !strings.Contains(note, "reaches only “Shared cache”: “Per-worker caches” has no shared cache") {
		t.Errorf("outage note %q; want it to say only the shared side is reached", note)
	}
	p.click("#play")
	p.waitFor(`document.getElementById("s1-shared").dataset.down === "true" && Number(document.getElementById("s1-shared").dataset.errors) > 0`)
	outage, at := p.settle()
	p.shot("compare-shared-outage", false)
	c, _ := sim.ParseQuery(q)
	c.Outage = outage
	same(t, "shared side", p.screen(1), want(1, native(t, c.Query(), at)))
	same(t, "per-worker side", p.screen(0), want(0, native(t, "mode=local&writes=0.05", at)))
	if ins := p.text("#s0-insights"); strings.Contains(ins, "shared cache is down") {
		t.Errorf("per-worker side says %q", ins)
	}
}

// TestCompareHostOutage: a host's outage reaches both compared systems,
// which run the same hosts, at the same moment of simulated time, one
// that neither side had passed when the button was pressed; the page says
// so, and both sides are the engine's runs with that outage.
func TestCompareHostOutage(t *testing.T) {
	const q = "hosts=3&workers=2&mode=host&host-balancer=keyhash&keys=1000"
	p := open(t, env.base+"/?compare=true&"+q+"&at=2000", 1440, 1000)
	p.click("#s0-outage-h1") // on the per-worker side, which comes first
	p.waitFor(`document.getElementById("outage-note") !== null`)
	if note := p.text("#outage-note"); !strings.Contains(note, "Host 1's outage (from ") || !strings.Contains(note, "reaches both sides") {
		t.Errorf("outage note %q; want it to say both sides are reached", note)
	}
	var search string
	p.eval(`location.search`, &search)
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	c, _ := sim.ParseQuery(q)
	c.Outage = v.Get("outage")
	from, ok := strings.CutPrefix(c.Outage, "host1@")
	start, err := sim.ParseDuration(strings.Split(from, "-")[0])
	if !ok || err != nil {
		t.Fatalf("outage %q after the button; want host1@...", c.Outage)
	}
	for i, cc := range []sim.Config{c, runpkg.Partner(c)} {
		cc.Outage = ""
		if now := native(t, cc.Query(), 2000).Now(); now >= start {
			t.Errorf("side %d was at %d µs when host 1 went out at %d µs: its past changed", i, now, start)
		}
	}
	// The per-host side's clock is behind (a host cache's round trip costs
	// less than the per-worker side's database trips): it reaches the
	// outage about a thousand requests later. Open the link there.
	v.Set("at", "3600")
	p = open(t, env.base+"/?"+v.Encode(), 1440, 1000)
	p.waitFor(`document.getElementById("s0-h1").classList.contains("down") && document.getElementById("s1-h1").classList.contains("down")`)
	p.shot("compare-host-outage", false)
	outage, at := c.Outage, 3600
	c.Outage = outage
	same(t, "per host side", p.screen(1), allCards(1, native(t, c.Query(), at)))
	same(t, "per-worker side", p.screen(0), allCards(0, native(t, runpkg.Partner(c).Query(), at)))
	for _, sys := range []string{"s0", "s1"} {
		var moved string
		p.eval(`document.getElementById("`+sys+`-ring").dataset.moved`, &moved)
		if moved == "0" || moved == "" {
			t.Errorf("%s: no keys moved off host 1", sys)
		}
	}
}
