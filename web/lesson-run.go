package web

import (
	"github.com/cachepit/cachepit/lesson"
)

// newLessonRunner builds the systems of lesson l with the restarts of st
// (the lesson's and the hand's); the script plays as the first requests,
// as in lesson.Play.
func newLessonRunner(l lesson.Lesson, st PageState) (*runner, error) {
	p := l.Plan(keepEvents)
	p.Restarts = st.Restarts
	return newPlanRunner(p)
}

// observeRunner reads the lesson's Run from the live systems: the first is
// the lesson's own, the second (if any) its partner.
func observeRunner(r *runner) lesson.Run { return lesson.Observe(r.Runner) }
