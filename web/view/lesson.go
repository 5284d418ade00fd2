package view

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/cachepit/cachepit/lesson"
)

// LearnPath is the walkthrough's page; the lesson is in its query.
const LearnPath = "/learn"

// HandoutPath is the printable handout of every lesson.
const HandoutPath = "/handout"

// LessonState is everything a lesson page's URL holds.
type LessonState struct {
	Index     int       // into lesson.All
	At        int64     // run this many requests, then pause; -1 plays the lesson from 0
	Restarts  []Restart // restarts by hand, beyond the lesson's own
	Presenter bool      // large type for a projector
	Embed     bool      // only the system view: for a course page's iframe
	Stack     string    // the "In your app" panel's stack as the link names it; "" for the lesson's own (see StackShown)
}

// lessonAt reads and removes at= for lesson l: -1 when absent. A bad value
// opens the lesson at request 0, and one past the end of a lesson that stops
// there (only its script), or past the most any run goes (MaxAt), at its
// last request, each with a notice giving the lesson's range; other
// lessons run on past their own requests.
func lessonAt(v url.Values, l lesson.Lesson) (at int64, note string) {
	raw := ""
	if vals := v[paramAt]; len(vals) > 0 {
		raw = vals[len(vals)-1]
	}
	end := l.End()
	n, note := popAt(v)
	switch {
	case note != "" && beyond(raw):
		return end, fmt.Sprintf("at %s is past the most a lesson runs to, %s: showing this lesson's end, request %s", raw, Count(MaxAt), Count(end))
	case note != "" && l.Requests == 0:
		return 0, fmt.Sprintf("at must be a whole number from 0 to %s, this lesson's last request, got %q: showing request 0", Count(end), raw)
	case note != "":
		return 0, fmt.Sprintf("at must be a whole number from 0 (this lesson's own requests end at %s; it runs on to %s at most), got %q: showing request 0",
			Count(end), Count(MaxAt), raw)
	case l.Requests == 0 && n > end:
		return end, fmt.Sprintf("at %s is past the end of this lesson, which has %s: showing its last, request %s", Count(n), Plural(end, "request"), Count(end))
	}
	return n, ""
}

// beyond reports whether raw is a whole number past MaxAt, however large.
func beyond(raw string) bool {
	n, err := strconv.ParseInt(raw, 10, 64)
	return err == nil && n > MaxAt || errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(raw, "-")
}

// Lesson is the state's lesson.
func (st LessonState) Lesson() lesson.Lesson { return lesson.All[st.Index] }

// ParseLesson reads a lesson page's query. A bad value is named in the
// notices and falls back: an unknown lesson opens the first one.
func ParseLesson(rawQuery string) (LessonState, []string) {
	st := LessonState{At: -1}
	var notes []string
	v, err := url.ParseQuery(rawQuery)
	if err != nil {
		notes = append(notes, "query: "+err.Error())
	}
	if s, ok := pop(v, "lesson"); ok {
		if i := lesson.Index(s); i >= 0 {
			st.Index = i
		} else {
			notes = append(notes, fmt.Sprintf("no lesson called %q: here is the first one", s))
		}
	}
	if n, note := lessonAt(v, st.Lesson()); note != "" {
		notes = append(notes, note)
		st.At = n
	} else if n >= 0 {
		st.At = n
	}
	if s, ok := pop(v, paramRestarts); ok && s != "" {
		rs, err := parseRestarts(s, st.Lesson().Config().Workers)
		if err != nil {
			notes = append(notes, err.Error())
		}
		st.Restarts = rs
	}
	for _, flag := range []struct {
		name string
		to   *bool
	}{{"presenter", &st.Presenter}, {"embed", &st.Embed}} {
		if s, ok := pop(v, flag.name); ok {
			b, err := strconv.ParseBool(s)
			if err != nil {
				notes = append(notes, fmt.Sprintf("%s must be 1 or 0, got %q", flag.name, s))
			}
			*flag.to = b
		}
	}
	if n := popStack(v, &st.Stack); n != "" {
		notes = append(notes, n)
	}
	pop(v, paramWasm)
	for k := range v {
		notes = append(notes, fmt.Sprintf("%s: not a lesson setting (lessons fix their own settings; the playground takes them)", k))
	}
	return st, notes
}

// Query encodes the state; parameters at their default are left out.
func (st LessonState) Query() string {
	parts := []string{"lesson=" + st.Lesson().Slug}
	if st.At >= 0 {
		parts = append(parts, paramAt+"="+strconv.FormatInt(st.At, 10))
	}
	if len(st.Restarts) > 0 {
		parts = append(parts, paramRestarts+"="+formatRestarts(st.Restarts))
	}
	if st.Presenter {
		parts = append(parts, "presenter=1")
	}
	if st.Embed {
		parts = append(parts, "embed=1")
	}
	if s := stackQuery(st.Stack); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, "&")
}

// LessonURL is the path and query of lesson i with nothing else set, under
// the site's base path (prefix, such as "/cachepit"; "" at the root).
func LessonURL(prefix string, i int) string {
	return prefix + LearnPath + "?" + LessonState{Index: i, At: -1}.Query()
}

// Page is the playground's state for a lesson: its settings, its
// partner when it compares, and every restart, the lesson's and the hand's.
func (st LessonState) Page() PageState {
	l := st.Lesson()
	ps := PageState{Config: l.Config(), Compare: l.Compare, At: st.At, Stack: st.Stack}
	ps.Restarts = append(ps.Restarts, l.Restarts...)
	ps.Restarts = append(ps.Restarts, st.Restarts...) // the run driver puts them in order
	return ps
}

// LessonInPlayground is lesson l's system on the playground: its settings,
// comparison, restarts and deploys, paused at the lesson's end. A scripted
// lesson's first requests have no place in the playground's URL; the rest
// is the lesson's run.
func LessonInPlayground(l lesson.Lesson) PageState {
	return PageState{
		Config:   l.Config(),
		Compare:  l.Compare,
		At:       int64(len(l.Script) + l.Requests),
		Restarts: slices.Clone(l.Restarts),
		Deploys:  slices.Clone(l.Deploys),
	}
}
