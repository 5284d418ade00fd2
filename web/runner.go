package web

import (
	"fmt"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
)

// keepEvents is how many recent requests each system remembers for drawing.
const keepEvents = 12

// runner drives one system, or two on the identical request stream, and
// replays the page state's manual restarts at their request numbers.
type runner struct {
	titles  []string
	sims    []*sim.Sim
	last    [][]sim.Event
	pending []Restart // restarts not yet applied, in order
	done    []Restart // restarts applied, for the URL
}

// Partner is the configuration compared with c: the same deployment and
// request stream, per-worker caches against a shared cache of the same
// total memory (or the reverse). The lessons define it; the playground
// compares the same way.
func Partner(c sim.Config) sim.Config { return lesson.Partner(c) }

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

func newRunner(st PageState) (*runner, error) {
	cfgs := []sim.Config{st.Config}
	if st.Compare {
		cfgs = append(cfgs, Partner(st.Config))
	}
	r := &runner{pending: append([]Restart(nil), st.Restarts...)}
	for _, c := range cfgs {
		s, err := sim.New(c)
		if err != nil {
			return nil, err
		}
		r.sims = append(r.sims, s)
		r.titles = append(r.titles, Title(c))
		r.last = append(r.last, nil)
	}
	return r, nil
}

// Seq is the number of requests stepped so far.
func (r *runner) Seq() int64 { return r.sims[0].Seq() }

// Advance runs n more requests in every system, applying due restarts. The
// last few are stepped one by one so that they can be drawn.
func (r *runner) Advance(n int64) error {
	seq := r.Seq()
	end := seq + n
	for len(r.pending) > 0 && r.pending[0].Seq <= end {
		p := r.pending[0]
		r.run(seq, max(p.Seq, seq))
		seq = max(p.Seq, seq)
		r.pending = r.pending[1:]
		if err := r.restartAll(p); err != nil {
			return err
		}
	}
	r.run(seq, end)
	return nil
}

func (r *runner) run(from, to int64) {
	n := to - from
	if n <= 0 {
		return
	}
	batch := n - keepEvents
	for i, s := range r.sims {
		if batch > 0 {
			s.Run(int(batch))
		}
		for k := max(batch, 0); k < n; k++ {
			r.last[i] = append(r.last[i], s.Step())
		}
		if extra := len(r.last[i]) - keepEvents; extra > 0 {
			r.last[i] = append(r.last[i][:0], r.last[i][extra:]...)
		}
	}
}

// Restart replaces a worker in every system now.
func (r *runner) Restart(worker int) error {
	return r.restartAll(Restart{r.Seq(), worker})
}

func (r *runner) restartAll(p Restart) error {
	for _, s := range r.sims {
		if err := s.Restart(p.Worker); err != nil {
			return fmt.Errorf("restart worker %d: %w", p.Worker, err)
		}
	}
	r.done = append(r.done, p)
	return nil
}

// Restarts lists the restarts applied so far and those still due.
func (r *runner) Restarts() []Restart {
	return append(append([]Restart(nil), r.done...), r.pending...)
}

// Views snapshots every system for drawing.
func (r *runner) Views() []View {
	out := make([]View, len(r.sims))
	for i, s := range r.sims {
		out[i] = Snapshot(r.titles[i], i, s, r.last[i])
	}
	return out
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
