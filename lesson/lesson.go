// Package lesson holds the classroom walkthrough: each lesson is prose, a
// system set up for it, and "what to notice" computed from the live numbers.
package lesson

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
)

// Lesson is one screen of the walkthrough.
type Lesson struct {
	Slug     string    // URL name: ?lesson=stale-data
	Title    string    // heading
	Prose    []string  // paragraphs, plain text
	Query    string    // the system's settings, as in a shareable link
	Compare  bool      // show a shared cache (or per-worker, for a shared lesson) on the identical requests
	Requests int       // requests the lesson plays automatically
	Script   []Request // requests on chosen workers, played instead of the workload
	Restarts []Restart // workers restarted during the run
	Question string    // asked under the system
	Answer   string    // revealed on demand
	notice   func(Run) []string
}

// Request is one scripted request: which worker serves which key.
type Request struct {
	Label  string // what a person would type, e.g. "GET /"
	Worker int
	Key    int
	Op     sim.Op
}

// Restart replaces a worker's process once Seq requests have been served.
type Restart struct {
	Seq    int64
	Worker int
}

// Run is what a lesson's notice reads: the live system, and its partner on
// the identical requests when the lesson compares.
type Run struct {
	Config  sim.Config
	Stats   sim.Stats
	Infos   []sim.CacheInfo // cache_info() per worker
	Partner *sim.Stats      // nil unless Compare
	lesson  *Lesson
}

// restartSeq is when the lesson restarts worker w, or 0.
func (r Run) restartSeq(w int) int64 {
	if r.lesson != nil {
		for _, x := range r.lesson.Restarts {
			if x.Worker == w {
				return x.Seq
			}
		}
	}
	return 0
}

// Config is the lesson's system. Lessons' queries are checked by tests.
func (l Lesson) Config() sim.Config {
	c, err := sim.ParseQuery(l.Query)
	if err != nil {
		panic(fmt.Sprintf("lesson %s: %v", l.Slug, err))
	}
	return c
}

// Notice says what to look at, with the numbers of r.
func (l Lesson) Notice(r Run) []string {
	r.lesson = &l
	return l.notice(r)
}

// Index returns the position of the lesson called slug, or -1.
func Index(slug string) int {
	for i, l := range All {
		if l.Slug == slug {
			return i
		}
	}
	return -1
}

// Play runs lesson l to its end natively, as the browser does: the script or
// the workload, with the restarts at their places, and the partner alongside.
func Play(l Lesson) (Run, error) {
	c := l.Config()
	s, err := sim.New(c)
	if err != nil {
		return Run{}, err
	}
	var p *sim.Sim
	if l.Compare {
		if p, err = sim.New(Partner(c)); err != nil {
			return Run{}, err
		}
	}
	for _, q := range l.Script {
		if _, err := s.Do(q.Worker, q.Key, q.Op); err != nil {
			return Run{}, err
		}
		if p != nil {
			p.Do(q.Worker, q.Key, q.Op)
		}
	}
	restarts := l.Restarts
	for i := range l.Requests {
		s.Step()
		if p != nil {
			p.Step()
		}
		seq := int64(len(l.Script) + i + 1)
		for len(restarts) > 0 && restarts[0].Seq == seq {
			s.Restart(restarts[0].Worker)
			if p != nil {
				p.Restart(restarts[0].Worker)
			}
			restarts = restarts[1:]
		}
	}
	return Observe(c, s, p), nil
}

// Observe reads a lesson's Run from live systems; partner may be nil.
func Observe(c sim.Config, s, partner *sim.Sim) Run {
	r := Run{Config: c, Stats: s.Stats()}
	for i := range c.Workers {
		r.Infos = append(r.Infos, s.Info(i))
	}
	if partner != nil {
		st := partner.Stats()
		r.Partner = &st
	}
	return r
}

// Partner is the system a comparing lesson sets beside c: per-worker caches
// against one shared cache of the same total memory.
func Partner(c sim.Config) sim.Config {
	if c.Mode == "local" {
		c.Mode = "shared"
	} else {
		c.Mode = "local"
	}
	return c
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
