package view

import "github.com/cachepit/cachepit/lesson"

// HandoutLesson is one lesson of the handout with its figures as they stand
// at the lesson's end: the engine plays it as the lesson page does.
type HandoutLesson struct {
	Lesson lesson.Lesson
	Notice []string
	Theory Theory
	Runs   []Measured // the lesson's system, then its partner
	Err    string
}

// PlayHandout plays every lesson to its end.
func PlayHandout() []HandoutLesson {
	out := make([]HandoutLesson, len(lesson.All))
	for i, l := range lesson.All {
		h := HandoutLesson{Lesson: l, Theory: l.Prediction()}
		r, err := lesson.Play(l)
		if err != nil {
			h.Err = err.Error()
		} else {
			h.Notice = l.Notice(r)
			h.Runs = append(h.Runs, Measured{Mode: r.Config.Mode, HitRatio: r.Stats.HitRatio, Reads: r.Stats.Total.Reads})
			if r.Partner != nil {
				h.Runs = append(h.Runs, Measured{Mode: Partner(r.Config).Mode, HitRatio: r.Partner.HitRatio, Reads: r.Partner.Total.Reads})
			}
		}
		out[i] = h
	}
	return out
}
