package e2e

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// TestHostWords: in the host modes the legend and the latest requests call
// a hit in the host's cache a host-cache hit, not a shared hit; the mode
// button names the modes plainly and steps through the host modes; the
// settings say the cache sizes in effect and the host cache's size field
// shows the size in effect; the theory panel explains the hosts.
func TestHostWords(t *testing.T) {
	const q = "hosts=3&workers=2&mode=host&keys=1000"
	p := open(t, env.base+"/?"+q+"&at=3000", 1440, 1000)
	legend := oneLine(p.text(".legend-bar"))
	if !strings.Contains(legend, "◆ host-cache hit") || strings.Contains(legend, "shared hit") {
		t.Errorf("host mode legend %q; want a host-cache hit and no shared hit", legend)
	}
	var trace []string
	p.eval(`[...document.querySelectorAll("#sys-0 .trace li.m-shared")].map(li => li.textContent)`, &trace)
	if len(trace) == 0 {
		t.Fatalf("no host-cache hit among the latest requests")
	}
	for _, li := range trace {
		if !strings.Contains(li, "host-cache hit") {
			t.Errorf("latest request %q: want it called a host-cache hit", li)
		}
	}
	c, err := sim.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	th := view.TheoryOf(c)
	words := view.HostsWords(th, []view.Measured{{Mode: "host", HostBalancer: "roundrobin"}})
	if got := p.text("#theory .panel-sub"); got != words || !strings.Contains(got, "each of the 3 host caches of 200 entries") {
		t.Errorf("theory panel says %q; want %q", got, words)
	}
	if got := p.text("#theory-system-predicted"); got != view.Pct(th.HitRatio) {
		t.Errorf("theory: this system predicted %q; want %s", got, view.Pct(th.HitRatio))
	}
	var size string
	p.eval(`document.getElementById("f-host-cache").value`, &size)
	if size != "200" {
		t.Errorf("host cache size field %q; want the size in effect, 200", size)
	}
	for i, w := range []struct{ mode, label string }{
		{"host", "Cache: per host"}, {"tiered-host", "Cache: tiered (worker + host)"}, {"local", "Cache: per worker"},
		{"shared", "Cache: shared"}, {"tiered", "Cache: tiered (worker + shared)"}, {"host", "Cache: per host"},
	} {
		if i > 0 {
			p.click("#flip-shared")
			p.waitFor(`document.querySelector("#sys-0.mode-` + w.mode + `") !== null`)
		}
		if got := p.text("#flip-shared"); got != w.label {
			t.Errorf("mode %s: button says %q; want %q", w.mode, got, w.label)
		}
		c.Mode = w.mode
		if got, want := p.text("#mode-sizes"), view.CacheSizes(c); got != want {
			t.Errorf("mode %s: settings say %q; want %q", w.mode, got, want)
		}
		legend := oneLine(p.text(".legend-bar"))
		if host := c.HasHost(); strings.Contains(legend, "host-cache hit") != host || strings.Contains(legend, "shared hit") == host {
			t.Errorf("mode %s: legend %q", w.mode, legend)
		}
	}
	p.shot("host-words", false)
}

// TestBlogOnHosts: with several hosts the replay of the post's requests
// says it runs on host 0, and in the host modes why the two workers agree
// and that the cache they share is the post's maxsize=2.
func TestBlogOnHosts(t *testing.T) {
	p := open(t, env.base+"/?hosts=3&workers=2&mode=host&at=0", 1440, 1000)
	blog := oneLine(p.text("#blog"))
	for _, w := range []string{"# host 0 of 3: gunicorn --workers 2 app:app", "one cache per host", "reach host 0 of the 3"} {
		if !strings.Contains(blog, w) {
			t.Errorf("replay %q lacks %q", blog, w)
		}
	}
	if got := p.text("#blog-verdict"); !strings.Contains(got, "they share their host's cache. Each of the other 2 hosts has its own") {
		t.Errorf("verdict %q", got)
	}
	// The heading says @lru_cache(maxsize=2): the host cache that answers holds 2.
	for _, id := range []string{"#blog-1", "#blog-2"} {
		if got := p.text(id); !strings.Contains(got, `"Maxsize": 2,`) {
			t.Errorf("%s answers %q; want the post's Maxsize 2", id, got)
		}
	}
}
