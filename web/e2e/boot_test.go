package e2e

import (
	"testing"
	"time"
)

// watchBoots records how long a worker card of the first system has shown
// its process booting, greyed (down) with its boot line on screen: it looks
// after every change to the system's elements, so a slow frame rate does
// not hide a boot between two samples.
const watchBoots = `(() => {
	const s = window.bootSeen = {longest: 0, since: 0, text: ""};
	const look = () => {
		const t = performance.now();
		const b = [...document.querySelectorAll("#sys-0 .card.down .boot")].find(e => e.offsetParent !== null && e.textContent.startsWith("booting"));
		if (b) {
			if (!s.since) s.since = t;
			s.text = b.textContent;
		} else if (s.since) {
			s.longest = Math.max(s.longest, t - s.since);
			s.since = 0;
		}
	};
	new MutationObserver(look).observe(document.getElementById("sys-0"), {subtree: true, attributes: true, characterData: true, childList: true});
	look();
	return true;
})()`

// bootOnScreen plays until the first system has served past request seq
// and returns the longest time a booting worker stayed on screen.
func bootOnScreen(t *testing.T, p *page, seq int) (time.Duration, string) {
	t.Helper()
	deadline := time.Now().Add(40 * time.Second)
	for {
		var got struct {
			Seq     float64
			Longest float64
			Text    string
		}
		p.eval(`({Seq: Number(document.getElementById("sys-0").dataset.seq), Longest: window.bootSeen.longest, Text: window.bootSeen.text})`, &got)
		if got.Seq > float64(seq) {
			return time.Duration(got.Longest * float64(time.Millisecond)), got.Text
		}
		if time.Now().After(deadline) {
			t.Fatalf("the run reached request %.0f in 40 s; want past %d", got.Seq, seq)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// While a run plays at a set speed, a worker that boots stays on screen,
// greyed with its boot time, for a moment a reader sees: the page steps by
// requests, and a deploy serves none until the workers are up, so without
// holding the frame the boot would pass between two frames (issue 9).
func TestBootVisibleWhilePlaying(t *testing.T) {
	// Lesson 10 plays at its own speed (10,000 requests/s): 16 workers,
	// every one restarted at request 10,240, each booting for 100 ms. The
	// lesson pauses at that moment; the boot is timed once it plays on.
	t.Run("deploy lesson", func(t *testing.T) {
		p := open(t, env.base+"/learn?lesson=deploy", 1440, 1000)
		p.front() // a tab behind another gets no animation frames
		p.waitFor(`document.getElementById("sys-0").dataset.seq === "10240" && document.getElementById("play").getAttribute("aria-label") === "Play"`)
		p.eval(watchBoots, new(bool))
		p.click("#play")
		longest, text := bootOnScreen(t, p, 10_500)
		if longest < 300*time.Millisecond {
			t.Errorf("after the deploy a booting worker was on screen for %v at most; want at least 300 ms", longest)
		}
		t.Logf("a booting worker on screen for %v: %q", longest, text)
	})
	// The playground at 1,000 requests/s, workers recycled every 100
	// requests, each replacement booting for 50 ms.
	t.Run("max-requests", func(t *testing.T) {
		q := "workers=4&clients=8&cpu=1000&max-requests=100&boot=50ms&at=0"
		p := open(t, env.base+"/?"+q, 1440, 1000)
		p.eval(`(() => { const s = document.getElementById("speed"); s.value = "7"; s.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, new(bool))
		p.eval(watchBoots, new(bool))
		p.click("#play")
		longest, text := bootOnScreen(t, p, 600)
		if longest < 300*time.Millisecond {
			t.Errorf("recycling at 1,000 requests/s: a booting worker was on screen for %v at most; want at least 300 ms", longest)
		}
		if want := "booting · up in "; len(text) < len(want) || text[:len(want)] != want {
			t.Errorf("the boot line says %q; want it to start %q", text, want)
		}
		t.Logf("a booting worker on screen for %v: %q", longest, text)
	})
}
