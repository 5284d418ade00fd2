package sim

import "fmt"

// forkMicros is how long a replacement takes with --preload: the app is
// already built in the master, so it is only a fork.
const forkMicros = 5_000

// Restart replaces worker i's process as gunicorn does on a signal: it stops
// accepting, finishes the requests it has, and its replacement starts with an
// empty (or preloaded) cache and accepts once booted.
func (s *Sim) Restart(i int) error {
	if i < 0 || i >= len(s.workers) {
		return fmt.Errorf("worker must be between 0 and %d, got %d", len(s.workers)-1, i)
	}
	s.retire(i)
	return nil
}

// RestartAll is a deploy (gunicorn's HUP): every worker is replaced at once,
// or, rolling, one after another, each when the one before is back up. On
// HUP gunicorn forks the new workers at once, so an all-at-once deploy's
// replacements skip Respawn; a rolling one stops workers one by one, and the
// master forks each replacement after reaping the old process.
func (s *Sim) RestartAll(rolling bool) {
	if rolling {
		s.rolling = 1
		s.retire(0)
		return
	}
	for i := range s.workers {
		s.workers[i].hup = true
		s.retire(i)
	}
}

// retire stops worker wi accepting; it exits when its last request is done.
func (s *Sim) retire(wi int) {
	w := &s.workers[wi]
	if w.down && !w.draining { // booting: it restarts when up
		w.again = true
		return
	}
	if s.accepting(w) {
		h := s.hostOf(wi)
		h.leave(wi - h.first)
	}
	w.down, w.draining = true, true
	if w.busy == 0 {
		s.exit(w)
	}
}

// exit ends w's process: its cache goes, and a replacement accepts Respawn
// later (gunicorn's master forks it once it has reaped the old process,
// whose exit is Python's teardown) plus Boot (the app's import after the
// fork; with Preload, a fork's few ms).
func (s *Sim) exit(w *worker) {
	w.draining = false
	if w.cache != nil {
		w.cache.Purge()
	}
	w.stats.Generation++
	w.stats.Recycles++
	s.start(w)
	h := &s.hosts[w.stats.Host]
	if b, ok := h.bal.(restartAware); ok {
		b.restarted(w.stats.ID - h.first)
	}
	boot := s.cfg.Boot
	if s.cfg.Preload {
		boot = min(boot, forkMicros)
	}
	if !w.hup {
		boot += s.cfg.Respawn
	}
	w.hup = false
	w.readyAt = s.now + boot
	if boot == 0 {
		s.up(w.stats.ID)
		return
	}
	s.q.push(w.readyAt, evBoot, int32(w.stats.ID))
}

// up lets a booted replacement accept.
func (s *Sim) up(wi int) {
	w := &s.workers[wi]
	w.down = false
	h := s.hostOf(wi)
	h.join(wi - h.first)
	if w.again {
		w.again = false
		s.retire(wi)
		return
	}
	if s.rolling > 0 {
		if next := s.rolling; next < len(s.workers) && wi == next-1 {
			s.rolling++
			s.retire(next)
		} else if next >= len(s.workers) {
			s.rolling = 0
		}
	}
	if s.begun || s.q.len() > 0 {
		s.pull(wi)
	}
}

// timeout kills the worker of request ri if ri is still running: gunicorn's
// arbiter kills a worker silent for longer than --timeout. Every request on
// it is answered with an error, and its cache is lost.
func (s *Sim) timeout(ri int32) {
	r := &s.reqs.reqs[ri]
	wi := r.ev.Worker
	w := &s.workers[wi]
	w.stats.Timeouts++
	for i := range s.reqs.reqs {
		x := &s.reqs.reqs[i]
		if x.stage < stageServing || x.stage == stageKilled || x.ev.Worker != wi {
			continue
		}
		switch x.stage {
		case stageAtOrigin:
			s.fromOrigin(x)
		case stageWaitConn:
			s.pool.waiting.remove(int32(i))
		case stageFollowing:
			s.unfollow(int32(i))
		}
		if x.path == pathOrigin {
			s.landed(x.ev.Key)
			if s.flights != nil {
				s.land(int32(i), true)
			}
		}
		x.stage = stageKilled
		x.tag++
		s.q.pushTag(s.now, evDone, int32(i), x.tag)
	}
	s.retire(wi)
}
