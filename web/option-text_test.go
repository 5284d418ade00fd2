package web

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// A bad mode= names the settings menu's words beside the link's (view's
// ModeLabels): they must be the words the menu shows.
func TestModeLabelsMatchTheMenu(t *testing.T) {
	for _, m := range sim.Modes {
		menu := optionWords["mode/"+m]
		label, ok := view.ModeLabels[m]
		if !ok {
			label = m // the menu says it as the link does
		}
		if !strings.HasPrefix(menu, label+":") {
			t.Errorf("mode %s: the menu says %q, the notice %q", m, menu, label)
		}
	}
}
