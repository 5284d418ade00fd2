package web

import (
	"time"

	"github.com/cachepit/cachepit/web/view"
)

// boots keeps a worker that stops accepting (finishing its requests, then
// booting) on screen for a moment at the set speeds. The page steps by
// requests, not by the clock: a 100 ms boot under 3,000 requests/s lasts
// 300 requests, 30 ms at 10,000 requests/s, and a deploy of every worker at
// once serves no request at all until they are up, so the next batch would
// jump over it. So the player runs no requests past a restart or deploy
// due, stops a batch when a worker goes down, and then holds the frame
// until the worker has been on screen for bootShow.
type boots struct {
	seen map[bootKey]bootSeen // each process not accepting
	held time.Time            // when the latest full hold began
}

// bootSeen is when a process not accepting was first on screen (zero until
// then) and how long it stays there at least.
type bootSeen struct {
	at   time.Time
	show time.Duration
}

// bootKey is one worker process of one system.
type bootKey struct{ sys, worker, gen int }

// bootShow is how long a worker that stops accepting stays on screen at
// least, at the set speeds. One that follows within a second of the last
// hold, as in a rolling deploy, is not held (bootShowNext): its batch still
// stops where it goes down, but sixteen workers held in turn kept lesson 10
// nine seconds in its rolling deploy.
const (
	bootShow     = 600 * time.Millisecond
	bootShowNext = 0
)

func (b *boots) reset() { b.seen = nil }

// started records the workers of r that are not accepting and forgets
// those back up. It reports whether one went down since it last looked.
func (b *boots) started(now time.Time, r *view.Runner) bool {
	down := map[bootKey]bool{}
	fresh := false
	for i, s := range r.Sims() {
		st := s.Stats()
		for j, w := range st.Workers[:min(len(st.Workers), view.Cards(s.Config()))] {
			if w.Up {
				continue
			}
			k := bootKey{i, j, w.Generation}
			down[k] = true
			if _, ok := b.seen[k]; !ok {
				if b.seen == nil {
					b.seen = map[bootKey]bootSeen{}
				}
				b.seen[k] = bootSeen{} // on screen from the next frame, which starts once this one is drawn
				fresh = true
			}
		}
	}
	for k := range b.seen {
		if !down[k] {
			delete(b.seen, k)
		}
	}
	return fresh
}

// limit is how many of n requests may run now: none while a worker that
// went down has been on screen for less than bootShow, and never past the
// next restart or deploy due, so that it starts on screen.
func (b *boots) limit(now time.Time, r *view.Runner, n int64) int64 {
	b.started(now, r) // a restart by hand, or one due at the last request
	hold := false
	for k, t := range b.seen {
		if t.at.IsZero() {
			t = bootSeen{at: now, show: bootShowNext}
			if now.Sub(b.held) >= time.Second {
				t.show, b.held = bootShow, now
			}
			b.seen[k] = t
		}
		hold = hold || now.Sub(t.at) < t.show
	}
	if hold {
		return 0
	}
	seq := r.Seq()
	for _, d := range r.Deploys() {
		if d.Seq > seq {
			n = min(n, d.Seq-seq)
		}
	}
	for _, x := range r.Restarts() {
		if x.Seq > seq {
			n = min(n, x.Seq-seq)
		}
	}
	return n
}
