package web

import (
	"regexp"
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

// The server's drawing of a bar disables every control in it and says that
// the simulator is starting: in the rate's place on the playground, over
// the status line on a lesson; the client's drawing has neither.
func TestPlayBarStarting(t *testing.T) {
	say := "Lesson 1 of 13. Paused at request 2."
	for _, tt := range []struct {
		name, where string
		bar         PlayBar
	}{
		{"playground", `id="rate"[^>]*>Starting the simulator…<`, PlayBar{SpeedID: "speed", RateBelow: true, Load: &Load{Arrivals: "closed", Clients: 1},
			Tail: []BarButton{{ID: "compare", Text: "Compare"}}}},
		{"lesson", `id="starting"[^>]*>Starting the simulator…<`, PlayBar{SpeedID: "lesson-speed", SpeedMenu: true, Lead: []BarButton{{ID: "prev"}}, Tail: []BarButton{{ID: "next"}},
			Progress: &Progress{Seq: 2, End: 3}, Status: &say, Line: say}},
	} {
		for _, starting := range []bool{true, false} {
			bar := tt.bar
			bar.Starting = starting
			got := html(bar.Render())
			controls := regexp.MustCompile(`<(button|select|input)[^>]*>`).FindAllString(got, -1)
			off := 0
			for _, c := range controls {
				if regexp.MustCompile(`\sdisabled[\s>=]`).MatchString(c) {
					off++
				}
			}
			words := strings.Count(got, "Starting the simulator…")
			switch {
			case starting && (off != len(controls) || len(controls) < 5 || words != 1 || !regexp.MustCompile(tt.where).MatchString(got)):
				t.Errorf("%s, server's drawing: %d of %d controls disabled, the words %d times; want all, once (%s):\n%s", tt.name, off, len(controls), words, tt.where, got)
			case !starting && (off != 0 || words != 0):
				t.Errorf("%s, client's drawing: %d controls disabled, the words %d times; want none:\n%s", tt.name, off, words, got)
			}
			if tt.bar.Status != nil && !strings.Contains(got, say) {
				t.Errorf("%s: the status line's own text is gone:\n%s", tt.name, got)
			}
		}
	}
}
