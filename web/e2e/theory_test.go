package e2e

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/report"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web"
)

// TestTheorySharedSize: with a shared cache smaller than the workers' total
// memory, the theory panel names the size the engine uses and predicts for
// it, the figure `cachepit sim --json` reports.
func TestTheorySharedSize(t *testing.T) {
	const q = "mode=shared&shared-cache=40"
	p := open(t, env.base+"/?"+q+"&at=2000", 1440, 1000)
	out, err := exec.Command(env.bin, "sim", "--mode", "shared", "--shared-cache", "40", "--json").Output()
	if err != nil {
		t.Fatalf("cachepit sim: %v", err)
	}
	var cli report.Run
	if err := json.Unmarshal(out, &cli); err != nil {
		t.Fatal(err)
	}
	c, _ := sim.ParseQuery(q)
	if native := report.New(c, sim.Stats{}).Predicted; native != cli.Predicted {
		t.Fatalf("native prediction %v; cachepit sim --json %v", native, cli.Predicted)
	}
	if got, want := p.text("#theory-shared-predicted"), web.Pct(cli.Predicted); got != want || want != "32.1%" {
		t.Errorf("shared cache predicted %q on the page; cachepit sim --json predicts %q (want 32.1%%)", got, want)
	}
	var label string
	p.eval(`document.getElementById("theory-shared-predicted").closest("tr").querySelector("th").textContent`, &label)
	if label != "one shared cache of 40 entries" {
		t.Errorf("shared row says %q; want %q", label, "one shared cache of 40 entries")
	}
	if sub := p.text("#theory .panel-sub"); strings.Contains(sub, "400") || !strings.Contains(sub, "one shared cache of 40 entries") {
		t.Errorf("theory panel says %q; want the 40-entry cache named, not 400", sub)
	}
	if got, want := p.text("#theory-shared-measured"), web.Pct(native(t, q, 2000).Stats().HitRatio); got != want {
		t.Errorf("measured %q; want %q", got, want)
	}
}
