package web

import (
	"strings"
	"testing"
)

// Beside a load control the speed is named the playback and the load the
// simulated load, each with a title that tells them apart; a lesson's bar,
// which has no load, keeps its "Speed".
func TestPlayBarNamesSpeeds(t *testing.T) {
	bar := func(load *Load) string {
		return html((&PlayBar{Speed: DefaultSpeed, SpeedID: "speed", Rate: "playing 49 req/s", RateBelow: true, Load: load}).Render())
	}
	got := bar(&Load{Arrivals: "poisson", Rate: 1000})
	for _, want := range []string{`id="speed-name">Playback<`, `id="load-name">Simulated load<`, "req/s (Poisson)",
		"per second of your time; it changes how fast you watch, not the simulated load", "requests per simulated second", "playing 49 req/s"} {
		if !strings.Contains(got, want) {
			t.Errorf("playground bar lacks %q:\n%s", want, got)
		}
	}
	if got := bar(nil); !strings.Contains(got, `id="speed-name">Speed<`) || strings.Contains(got, "Playback") || strings.Contains(got, "load-name") {
		t.Errorf("a bar without a load control names its speed otherwise:\n%s", got)
	}
}
