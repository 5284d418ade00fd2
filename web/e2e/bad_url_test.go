package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestBadURLKeptInAddress: a link with a value the page cannot use keeps
// the address as typed while the notice about it shows, whatever the run
// does (it plays on, pauses, steps), so the text to correct is still there;
// it was replaced by the run's own address within a second of playing.
// Dismissing the notice, or changing a setting, writes the run's address.
func TestBadURLKeptInAddress(t *testing.T) {
	const typed = "?workers=abc&cache=50"
	p := open(t, env.base+"/"+typed, 1280, 800)
	p.waitFor(`Number(document.getElementById("sys-0").dataset.seq) > 60`)
	time.Sleep(1500 * time.Millisecond) // the address caught up every second while playing
	var search string
	p.eval(`location.search`, &search)
	if search != typed {
		t.Errorf("playing behind the notice, the address became %q; want %q as typed", search, typed)
	}
	if notice := p.text("#notice"); !strings.Contains(notice, "workers") {
		t.Errorf("notice %q does not name workers", notice)
	}
	p.click("#play") // pause
	p.waitFor(`document.getElementById("play").textContent.includes("Play")`)
	p.click("#step")
	time.Sleep(300 * time.Millisecond)
	p.eval(`location.search`, &search)
	if search != typed {
		t.Errorf("paused and stepped behind the notice, the address became %q; want %q as typed", search, typed)
	}

	p.click("#notice button")
	p.waitFor(`document.getElementById("notice") === null && !location.search.includes("workers=abc")`)
	p.eval(`location.search`, &search)
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	var seq string
	p.eval(`document.getElementById("sys-0").dataset.seq`, &seq)
	if v.Get("cache") != "50" || v.Get("at") != seq || v.Has("workers") {
		t.Errorf("after Dismiss the address is %q; want the run's: cache=50, at=%s and no workers", search, seq)
	}

	// A setting changed while the notice shows writes the run's address too.
	p = open(t, env.base+"/"+typed, 1280, 800)
	p.eval(`(() => { const el = document.getElementById("f-keys"); el.value = "500"; el.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, new(bool))
	p.waitFor(`location.search.includes("keys=500")`)
	p.eval(`location.search`, &search)
	if strings.Contains(search, "workers=abc") || !strings.Contains(search, "cache=50") {
		t.Errorf("after setting keys=500 the address is %q; want the run's, with cache=50 and no workers=abc", search)
	}
}
