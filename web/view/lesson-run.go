package view

import (
	"github.com/cachepit/cachepit/lesson"
)

// NewLessonRunner builds the systems of lesson l with the restarts of st
// (the lesson's and the hand's); the script plays as the first requests,
// as in lesson.Play.
func NewLessonRunner(l lesson.Lesson, st PageState) (*Runner, error) {
	p := l.Plan(keepEvents)
	p.Restarts = st.Restarts
	return newPlanRunner(p)
}

// Observe reads the lesson's Run from the live systems: the first is
// the lesson's own, the second (if any) its partner.
func Observe(r *Runner) lesson.Run { return lesson.Observe(r.Runner) }
