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

// ringChip is one hot key drawn in a host group's key strip.
type ringChip struct {
	Host, Key, Home, Now int
	Moved, Gone          bool
}

// TestKeysMoveOffHost takes host 1 out of a keyhash ring with its button:
// once it is out, each of the hottest keys it owned is listed under it with
// the host it went to, and under that host as moved; every other key stays
// on its home host; and the counts are nginx's ring's (sim.HostRing),
// counted here over every key.
func TestKeysMoveOffHost(t *testing.T) {
	const q = "hosts=3&workers=2&mode=host&host-balancer=keyhash&keys=1000"
	p := open(t, env.base+"/?"+q+"&at=2000", 1440, 1000)
	if txt := p.text("#s0-ring"); !strings.Contains(txt, "When a host goes out, only its keys move") {
		t.Errorf("ring before the outage: %q", txt)
	}
	p.click("#s0-outage-h1")
	p.waitFor(`location.search.includes("outage=host1")`)
	p.click("#play")
	p.waitFor(`document.getElementById("s0-h1").classList.contains("down") && document.getElementById("s0-ring").dataset.down === "1"`)
	p.click("#play")
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Play"`)
	p.shot("ring-host-out", false)

	ring := sim.HostRing(3)
	up := func(h int) bool { return h != 1 }
	moved, hotMoved, to := 0, 0, map[int]int{}
	for k := range 1000 {
		if ring.Pick(sim.KeyURI(k)) == 1 {
			moved++
			if k < view.RingHot {
				hotMoved++
				to[ring.PickUp(sim.KeyURI(k), up)]++
			}
		}
	}
	var chips []ringChip
	p.eval(`[...document.querySelectorAll("#sys-0 .host")].flatMap((h, i) => [...h.querySelectorAll(".ring-key")].map(c => ({
		Host: i, Key: +c.dataset.key, Home: +c.dataset.home, Now: +c.dataset.now,
		Moved: c.classList.contains("moved"), Gone: c.classList.contains("gone")})))`, &chips)
	seen := map[string]bool{}
	for _, c := range chips {
		uri := sim.KeyURI(c.Key)
		home, now := ring.Pick(uri), ring.Pick(uri)
		if home == 1 {
			now = ring.PickUp(uri, up)
		}
		if c.Home != home || c.Now != now {
			t.Errorf("k%d under host %d: home %d, now %d; nginx's ring: home %d, now %d", c.Key, c.Host, c.Home, c.Now, home, now)
		}
		switch {
		case c.Host == 1 && (!c.Gone || home != 1):
			t.Errorf("k%d listed under host 1, which is out, as %+v; want only its own keys, marked gone", c.Key, c)
		case c.Host != 1 && (c.Host != now || c.Moved != (home == 1)):
			t.Errorf("k%d listed under host %d as %+v; it is served by host %d, moved: %v", c.Key, c.Host, c, now, home == 1)
		}
		seen[fmt.Sprint(c.Key, c.Gone)] = true
	}
	for k := range view.RingHot {
		if !seen[fmt.Sprint(k, false)] || (ring.Pick(sim.KeyURI(k)) == 1) != seen[fmt.Sprint(k, true)] {
			t.Errorf("k%d: drawn where it is served %v, under host 1 as moved away %v", k, seen[fmt.Sprint(k, false)], seen[fmt.Sprint(k, true)])
		}
	}
	var got string
	p.eval(`document.getElementById("s0-ring").dataset.moved`, &got)
	if got != strconv.Itoa(moved) {
		t.Errorf("ring: %s keys moved; nginx's ring moves %d of 1000", got, moved)
	}
	txt := p.text("#s0-ring")
	w := fmt.Sprintf("%d of the %d hottest keys moved, all from host 1: to ", hotMoved, view.RingHot)
	if !strings.Contains(txt, w) || !strings.Contains(txt, fmt.Sprintf("host 0 (%d)", to[0])) || !strings.Contains(txt, fmt.Sprintf("host 2 (%d)", to[2])) {
		t.Errorf("ring says %q; want %q with host 0 (%d), host 2 (%d)", txt, w, to[0], to[2])
	}
	// The run on screen is the engine's with the outage the button wrote.
	var search string
	p.eval(`location.search`, &search)
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	at, _ := strconv.Atoi(v.Get("at"))
	s := native(t, q+"&outage="+url.QueryEscape(v.Get("outage")), at)
	m := want(0, s)
	for i := range 6 {
		m[fmt.Sprintf("s0-w%d", i)] = view.InfoLine(s.Info(i))
	}
	same(t, "host 1 out", p.screen(0), m)

	p = open(t, env.base+"/?"+q+"&at=2000&outage=host1@1s-1h", 375, 812)
	p.eval(`document.getElementById("s0-h1-keys").scrollIntoView(), true`, new(bool))
	p.shot("ring-host-out-phone", false)
	p.noSideways("ring on a phone", 375)
}

// With round robin no key has a home: a host going out spreads its share
// of every key, the page says so, with what keyhash would have moved, and
// lists no keys per host.
func TestKeysSpreadRoundRobin(t *testing.T) {
	p := open(t, env.base+"/?hosts=3&workers=2&mode=host&keys=1000&outage=host2@1s-1h&at=3000", 1440, 1000)
	ring := sim.HostRing(3)
	ifHash := 0
	for k := range 1000 {
		if ring.Pick(sim.KeyURI(k)) == 2 {
			ifHash++
		}
	}
	txt := p.text("#s0-ring")
	for _, w := range []string{"no key has a host of its own", "Host 2 out: its share of all 1,000 keys", "spreads over hosts 0 and 1",
		fmt.Sprintf("With keyhash only %d of them would move", ifHash)} {
		if !strings.Contains(txt, w) {
			t.Errorf("ring says %q; want %q", txt, w)
		}
	}
	var n int
	p.eval(`document.querySelectorAll("#sys-0 .host-keys").length`, &n)
	if n != 0 {
		t.Errorf("%d key strips under round robin; want none", n)
	}
}
