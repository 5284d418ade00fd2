package view

import (
	"github.com/cachepit/cachepit/lesson"
)

// HandoutLesson is one lesson of the handout with its figures as they stand
// at the lesson's end: the engine plays it as the lesson page does.
type HandoutLesson struct {
	Lesson lesson.Lesson
	Notice []string
	Theory Theory
	Runs   []Measured // the lesson's system, then its partner
	Chart  ChartData  // the lesson's key chart, from its end run; no ID when it has none
	End    int64      // the request the lesson ends at
	Err    string
}

// keyCharts names, per lesson, the page's chart that shows its point. The
// post's lesson is three requests: its transcript is its picture.
var keyCharts = map[string]string{
	"cold-misses":       "chart-origin",    // every worker fetches every key: more database reads
	"memory":            "chart-memory",    // the same keys held N times: duplicates
	"stale-data":        "chart-stale",     // a write reaches one worker
	"shared-cache":      "chart-hit-ratio", // one shared cache hits more
	"route-by-key":      "chart-memory",    // no duplicates; the restart drops entries
	"immutable-data":    "chart-hit-ratio", // preloaded: every read hits from the start
	"recycling":         "chart-hit-ratio", // recycled workers start cold
	"framework-default": "chart-stale",     // the same pitfall under another name
	"deploy":            "chart-origin",    // a deploy empties every cache at once
	"stampede":          "chart-origin",    // a hot key's misses at once
	"replicas":          "chart-memory",    // host caches hold copies
	"outage":            "chart-origin",    // the database takes the reads the cache answered
}

// KeyChart is the ID of lesson slug's key chart on the page, or "".
func KeyChart(slug string) string { return keyCharts[slug] }

// PlayHandout plays every lesson to its end.
func PlayHandout() []HandoutLesson {
	out := make([]HandoutLesson, len(lesson.All))
	for i, l := range lesson.All {
		h := HandoutLesson{Lesson: l, Theory: l.Prediction(), End: l.End()}
		r, err := lesson.Play(l)
		if err != nil {
			h.Err = err.Error()
		} else {
			h.Notice = l.Notice(r)
			h.Runs = append(h.Runs, Measured{Mode: r.Config.Mode, HitRatio: r.Stats.HitRatio, Reads: r.Stats.Total.Reads})
			views := []System{{Config: r.Config, Series: r.Series[0]}}
			if r.Partner != nil {
				h.Runs = append(h.Runs, Measured{Mode: Partner(r.Config).Mode, HitRatio: r.Partner.HitRatio, Reads: r.Partner.Total.Reads})
				views = append(views, System{Config: Partner(r.Config), Series: r.Series[1]})
			}
			h.Chart = keyChart(l.Slug, views)
		}
		out[i] = h
	}
	return out
}

// keyChart is lesson slug's key chart drawn from views, with an ID of its own.
func keyChart(slug string, views []System) ChartData {
	id := keyCharts[slug]
	if id == "" {
		return ChartData{}
	}
	for _, c := range Charts(views) {
		if c.ID == id {
			c.ID = "handout-" + slug + "-chart"
			return c
		}
	}
	return ChartData{}
}
