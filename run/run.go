// Package run plays a simulated system, and optionally its partner on the
// identical requests, through scripted requests and scheduled restarts.
package run

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// Restart replaces a worker's process once Seq requests have been served.
type Restart struct {
	Seq    int64 // requests served before the restart (0: before the first)
	Worker int
}

// Deploy restarts every worker (gunicorn's HUP) once Seq requests have been
// served: all at once, or rolling, one after another, each when the one
// before is back up.
type Deploy struct {
	Seq     int64
	Rolling bool
}

// Request is one scripted request: which worker serves which key.
type Request struct {
	Label  string // what a person would type, e.g. "GET /"
	Worker int
	Key    int
	Op     sim.Op // sim.Info asks for cache_info() without touching the cache
}

// Plan is what a Runner plays.
type Plan struct {
	Config   sim.Config
	Compare  bool      // also run Partner(Config) on the identical requests (per-worker caches first)
	Script   []Request // served first, on the workers they name, instead of the workload
	Restarts []Restart // applied once Seq requests have been served, in order of Seq
	Deploys  []Deploy  // the same for deploys; at one Seq, restarts come first
	Keep     int       // recent events each system remembers for drawing
	Stop     int64     // the run ends after this many requests; 0: it goes on
}

// Partner is the system compared with c: the same deployment and request
// stream, per-worker caches against a shared cache (or the reverse).
// Stampede protection keeps its kind at the partner's scope: a single flight
// per process becomes a lock in the shared cache, and back, since a lock in
// a shared cache needs one.
//
// Both systems keep the outages of hosts, which they both run: a host going
// out is an outage of both, at the same moment of simulated time. An outage
// of the shared cache reaches only a system that has one (Reaching).
func Partner(c sim.Config) sim.Config {
	if c.Mode == "local" {
		c.Mode = "shared"
		if c.Coalesce == "worker" {
			c.Coalesce = "shared"
		}
	} else {
		c.Mode = "local"
		if c.Coalesce == "shared" {
			c.Coalesce = "worker"
		}
	}
	return Reaching(c)
}

// Reaching is c with only the outages that reach its system: an outage of
// the shared cache is dropped when c's mode has none. The engine would
// ignore it, but say on its snapshot that the shared cache is down.
func Reaching(c sim.Config) sim.Config {
	if c.HasShared() || c.Outage == "" {
		return c
	}
	var keep []string
	for _, o := range strings.Split(c.Outage, ",") {
		if !strings.HasPrefix(o, "shared@") {
			keep = append(keep, o)
		}
	}
	c.Outage = strings.Join(keep, ",")
	return c
}

// SortRestarts orders restarts by Seq, keeping the order of those at the same Seq.
func SortRestarts(rs []Restart) {
	slices.SortStableFunc(rs, func(a, b Restart) int { return cmp.Compare(a.Seq, b.Seq) })
}

// Runner plays a Plan step by step. Its first system is the Plan's own and
// the second (when comparing) the partner, except that the one with
// per-worker caches always comes first: the pitfall on the left, the fix on
// the right, whichever the Plan names. It is not safe for concurrent use.
type Runner struct {
	sims    []*sim.Sim
	last    [][]sim.Event
	labels  []string  // the script's labels, by request number - 1
	script  []Request // not yet served
	pending []Restart // not yet applied, in order
	done    []Restart // applied, for the URL
	deploys []Deploy  // not yet applied, in order of Seq
	shipped []Deploy  // applied, for the URL
	keep    int
	stop    int64
}

// New builds the systems of p and applies the restarts due before the
// first request.
func New(p Plan) (*Runner, error) {
	cfgs := []sim.Config{Reaching(p.Config)}
	if p.Compare {
		cfgs = append(cfgs, Partner(p.Config))
		if cfgs[1].Mode == "local" { // the pitfall on the left, the fix on the right
			cfgs[0], cfgs[1] = cfgs[1], cfgs[0]
		}
	}
	r := &Runner{script: p.Script, pending: slices.Clone(p.Restarts), keep: max(p.Keep, 0), stop: p.Stop}
	r.deploys = slices.Clone(p.Deploys)
	slices.SortStableFunc(r.deploys, func(a, b Deploy) int { return cmp.Compare(a.Seq, b.Seq) })
	for _, q := range p.Script {
		r.labels = append(r.labels, q.Label)
	}
	SortRestarts(r.pending)
	for _, c := range cfgs {
		s, err := sim.New(c)
		if err != nil {
			return nil, err
		}
		r.sims = append(r.sims, s)
		r.last = append(r.last, nil)
	}
	if err := r.due(); err != nil {
		return nil, err
	}
	return r, nil
}

// Seq is the number of requests served so far.
func (r *Runner) Seq() int64 { return r.sims[0].Seq() }

// Sims are the running systems, the Plan's own first. Read them; change
// them only through the Runner, or the systems fall out of step.
func (r *Runner) Sims() []*sim.Sim { return r.sims }

// Label is the scripted request's label for request number seq, or "" for
// a request of the workload.
func (r *Runner) Label(seq int64) string {
	if seq < 1 || seq > int64(len(r.labels)) {
		return ""
	}
	return r.labels[seq-1]
}

// Stop is the request number the run ends at, or 0 if it goes on.
func (r *Runner) Stop() int64 { return r.stop }

// Stopped reports whether the run has reached its Stop.
func (r *Runner) Stopped() bool { return r.stop > 0 && r.Seq() >= r.stop }

// Events lists system i's last Keep requests, oldest first.
func (r *Runner) Events(i int) []sim.Event { return slices.Clone(r.last[i]) }

// Advance serves n more requests in every system: the script first, then
// the workload, with the restarts that fall due on the way. It never goes
// past the Plan's Stop.
func (r *Runner) Advance(n int64) error {
	end := r.Seq() + n
	if r.stop > 0 {
		end = min(end, r.stop)
	}
	for r.Seq() < end {
		if len(r.script) > 0 {
			if err := r.do(r.script[0]); err != nil {
				return err
			}
			r.script = r.script[1:]
		} else {
			to := end
			if len(r.pending) > 0 {
				to = min(to, r.pending[0].Seq)
			}
			if len(r.deploys) > 0 {
				to = min(to, r.deploys[0].Seq)
			}
			r.step(to - r.Seq())
		}
		if err := r.due(); err != nil {
			return err
		}
	}
	return nil
}

// do serves a scripted request in every system.
func (r *Runner) do(q Request) error {
	for i, s := range r.sims {
		ev, err := s.Do(q.Worker, q.Key, q.Op)
		if err != nil {
			return fmt.Errorf("scripted request %q: %w", q.Label, err)
		}
		r.remember(i, ev)
	}
	return nil
}

// step serves n requests of the workload; the last Keep are served one
// by one so that they can be drawn.
func (r *Runner) step(n int64) {
	batch := n - int64(r.keep)
	for i, s := range r.sims {
		if batch > 0 {
			s.Run(int(batch))
		}
		for range n - max(batch, 0) {
			r.remember(i, s.Step())
		}
	}
}

func (r *Runner) remember(i int, ev sim.Event) {
	if r.keep == 0 {
		return
	}
	if len(r.last[i]) >= r.keep {
		r.last[i] = append(r.last[i][:0], r.last[i][len(r.last[i])-r.keep+1:]...)
	}
	r.last[i] = append(r.last[i], ev)
}

// due applies the restarts whose time has come.
func (r *Runner) due() error {
	for len(r.pending) > 0 && r.pending[0].Seq <= r.Seq() {
		if err := r.restart(r.pending[0]); err != nil {
			return err
		}
		r.pending = r.pending[1:]
	}
	for len(r.deploys) > 0 && r.deploys[0].Seq <= r.Seq() {
		r.deploy(r.deploys[0])
		r.deploys = r.deploys[1:]
	}
	return nil
}

// Restart replaces a worker in every system now.
func (r *Runner) Restart(worker int) error {
	return r.restart(Restart{Seq: r.Seq(), Worker: worker})
}

func (r *Runner) restart(p Restart) error {
	for _, s := range r.sims {
		if err := s.Restart(p.Worker); err != nil {
			return fmt.Errorf("restart worker %d: %w", p.Worker, err)
		}
	}
	r.done = append(r.done, p)
	return nil
}

// Restarts lists the restarts applied so far and those still due.
func (r *Runner) Restarts() []Restart {
	return append(slices.Clone(r.done), r.pending...)
}

// Deploy restarts every worker in every system now: all at once, or rolling.
func (r *Runner) Deploy(rolling bool) {
	r.deploy(Deploy{Seq: r.Seq(), Rolling: rolling})
}

func (r *Runner) deploy(d Deploy) {
	for _, s := range r.sims {
		s.RestartAll(d.Rolling)
	}
	r.shipped = append(r.shipped, d)
}

// Deploys lists the deploys applied so far and those still due.
func (r *Runner) Deploys() []Deploy {
	return append(slices.Clone(r.shipped), r.deploys...)
}
