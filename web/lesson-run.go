package web

import (
	"github.com/cachepit/cachepit/lesson"
)

// newLessonRunner builds the systems of lesson l, set up by st, and plays
// the lesson's script on the workers it names, as lesson.Play does.
func newLessonRunner(l lesson.Lesson, st PageState) (*runner, error) {
	st.At = 0
	r, err := newRunner(st)
	if err != nil {
		return nil, err
	}
	for _, q := range l.Script {
		for i, s := range r.sims {
			ev, err := s.Do(q.Worker, q.Key, q.Op)
			if err != nil {
				return nil, err
			}
			r.last[i] = append(r.last[i], ev)
		}
	}
	for i := range r.last {
		if extra := len(r.last[i]) - keepEvents; extra > 0 {
			r.last[i] = r.last[i][extra:]
		}
	}
	return r, nil
}

// observeRunner reads the lesson's Run from the live systems: the first is
// the lesson's own, the second (if any) its partner.
func observeRunner(r *runner) lesson.Run {
	s := r.sims[0]
	if len(r.sims) > 1 {
		return lesson.Observe(s.Config(), s, r.sims[1])
	}
	return lesson.Observe(s.Config(), s, nil)
}
