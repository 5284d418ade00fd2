package e2e

import (
	"fmt"
	"testing"
)

// TestPrerenderedPressed: a toggle that is on looks on in the server's
// drawing too. go-app's server writes a true attribute bare
// (aria-pressed, with no value), which [aria-pressed="true"] does not
// match: presenter view's button looked off until the client drew it.
func TestPrerenderedPressed(t *testing.T) {
	const look = `(() => { const s = getComputedStyle(document.getElementById("%s")); return s.backgroundColor + " " + s.borderColor; })()`
	for _, tt := range []struct{ page, sel, button string }{
		{"/learn?lesson=stale-data&at=10&presenter=1", "#sys-0 .card", "presenter"},
		{"/?at=10&presenter=1", "#sys-0 .card", "presenter"},
	} {
		var server string
		scriptsOff(t, env.base+tt.page, tt.sel, 1440, 1000, []string{fmt.Sprintf(look, tt.button)}, &server)
		p := open(t, env.base+tt.page, 1440, 1000)
		var client string
		p.eval(fmt.Sprintf(look, tt.button), &client)
		if server != client {
			t.Errorf("%s: #%s looks %q in the server's drawing and %q in the client's", tt.page, tt.button, server, client)
		}
	}
}
