package lesson

// A Mark is a moment a lesson is about: a deploy, a hot key expiring, a
// cache or a host going out and coming back. Played at the lesson's own
// speed these pass in a fraction of a second, so the lesson page pauses
// the run at each one and says what just happened: the teacher can stop
// there and talk, and Play goes on to the next.
type Mark struct {
	Seq  int64  // the run pauses once it has served this request
	At   int64  // µs of simulated time the moment happens at, for a moment set in time; 0 for one set by request
	Text string // what just happened, one or two sentences
}

// NextMark is the first of l's marks after request seq, or false when none
// is left.
func (l Lesson) NextMark(seq int64) (Mark, bool) {
	for _, m := range l.Marks {
		if m.Seq > seq {
			return m, true
		}
	}
	return Mark{}, false
}

// MarkAt is l's mark at request seq, or false.
func (l Lesson) MarkAt(seq int64) (Mark, bool) {
	for _, m := range l.Marks {
		if m.Seq == seq {
			return m, true
		}
	}
	return Mark{}, false
}
