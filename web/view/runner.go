package view

import (
	"slices"
	"strings"

	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
)

// keepEvents is how many recent requests each system remembers for drawing.
const keepEvents = 12

// Restart is a worker restarted after request Seq, by hand or by a lesson.
type Restart = run.Restart

// Runner is the page's run driver, with a title per system.
type Runner struct {
	*run.Runner
	titles []string
	sims   []*sim.Sim // the driver's systems, for snapshots
}

// Partner is the configuration compared with c: the same deployment and
// request stream, per-worker caches against a shared cache of the same
// total memory (or the reverse).
func Partner(c sim.Config) sim.Config { return run.Partner(c) }

// Title names a system for headings and chart legends.
func Title(c sim.Config) string {
	switch c.Mode {
	case "shared":
		return "Shared cache"
	case "tiered":
		return "Per-worker + shared cache"
	case "host":
		return "A cache per host"
	case "tiered-host":
		return "Per-worker + host cache"
	}
	return "Per-worker caches"
}

// NewRunner builds the page's systems and schedules its restarts.
func NewRunner(st PageState) (*Runner, error) {
	return newPlanRunner(run.Plan{Config: st.Config, Compare: st.Compare, Restarts: st.Restarts, Deploys: st.Deploys, Keep: keepEvents})
}

func newPlanRunner(p run.Plan) (*Runner, error) {
	d, err := run.New(p)
	if err != nil {
		return nil, err
	}
	r := &Runner{Runner: d, sims: d.Sims()}
	for _, s := range r.sims {
		r.titles = append(r.titles, Title(s.Config()))
	}
	return r, nil
}

// Views snapshots every system for drawing.
func (r *Runner) Views() []System {
	out := make([]System, len(r.sims))
	for i, s := range r.sims {
		v := Snapshot(r.titles[i], i, s, r.Events(i))
		for _, e := range v.Last {
			v.Labels = append(v.Labels, r.Label(e.Seq))
		}
		if r.Label(1) != "" {
			v.Client = clientWords(r.Runner, v.Client)
		}
		out[i] = v
	}
	return out
}

// clientWords lists what a scripted run's clients send: "GET /, GET
// /get_cache_info", then the workload's requests if the run goes on.
func clientWords(r *run.Runner, workload string) string {
	var seen []string
	for seq := int64(1); r.Label(seq) != ""; seq++ {
		if l := r.Label(seq); !slices.Contains(seen, l) {
			seen = append(seen, l)
		}
	}
	if r.Stop() == 0 {
		seen = append(seen, workload)
	}
	return strings.Join(seen, ", ")
}

// PageViews is what the playground's driver shows for st: st's systems run
// to st.At with st's restarts, as on loading st's link.
func PageViews(st PageState) ([]System, error) {
	r, err := NewRunner(st)
	if err != nil {
		return nil, err
	}
	if err := r.Advance(max(st.At, 0)); err != nil {
		return nil, err
	}
	return r.Views(), nil
}

// Refresh brings every number of old, the runner's last full snapshot, up
// to date (see Refresh).
func (r *Runner) Refresh(old []System) []System {
	out := make([]System, len(old))
	for i, v := range old {
		prev := v.Workers
		v = Refresh(v, i, r.sims[i], r.Events(i))
		for j := range v.Workers { // the flash moves only with full snapshots: repainting it every frame costs more than the rest
			v.Workers[j].Active, v.Workers[j].Pulse = prev[j].Active, prev[j].Pulse
		}
		v.Labels = v.Labels[:0:0]
		for _, e := range v.Last {
			v.Labels = append(v.Labels, r.Label(e.Seq))
		}
		out[i] = v
	}
	return out
}

// Systems is how many systems the runner drives: one, or two when it compares.
func (r *Runner) Systems() int { return len(r.sims) }
