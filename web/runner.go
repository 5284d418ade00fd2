package web

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
)

// keepEvents is how many recent requests each system remembers for drawing.
const keepEvents = 12

// Restart is a worker restarted after request Seq, by hand or by a lesson.
type Restart = run.Restart

// runner is the page's run driver, with a title per system.
type runner struct {
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
	}
	return "Per-worker caches"
}

// newRunner builds the page's systems and schedules its restarts.
func newRunner(st PageState) (*runner, error) {
	return newPlanRunner(run.Plan{Config: st.Config, Compare: st.Compare, Restarts: st.Restarts, Keep: keepEvents})
}

func newPlanRunner(p run.Plan) (*runner, error) {
	d, err := run.New(p)
	if err != nil {
		return nil, err
	}
	r := &runner{Runner: d, sims: d.Sims()}
	for _, s := range r.sims {
		r.titles = append(r.titles, Title(s.Config()))
	}
	return r, nil
}

// Views snapshots every system for drawing.
func (r *runner) Views() []View {
	out := make([]View, len(r.sims))
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

// safely runs fn and turns a panic into a message, so that a bug in a run
// shows a banner instead of killing the page.
func safely(fn func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	fn()
	return ""
}

// PageViews is what the playground's driver shows for st: st's systems run
// to st.At with st's restarts, as on loading st's link.
func PageViews(st PageState) ([]View, error) {
	r, err := newRunner(st)
	if err != nil {
		return nil, err
	}
	if err := r.Advance(max(st.At, 0)); err != nil {
		return nil, err
	}
	return r.Views(), nil
}
