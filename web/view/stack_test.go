package view

import (
	"strings"
	"testing"
)

func TestStackInPageURL(t *testing.T) {
	for _, tt := range []struct {
		query, stack, back, notice string
	}{
		{"", "", "", ""},
		{"stack=django&workers=6", "django", "workers=6&stack=django", ""},
		{"stack=flask", "flask", "stack=flask", ""}, // the default, picked: the link keeps it
		{"stack=cobol", "", "", `stack must be one of flask, django`},
	} {
		st, notes := ParsePage(tt.query)
		if st.Stack != tt.stack || st.Query() != tt.back {
			t.Errorf("ParsePage(%q): stack %q, query %q; want %q, %q", tt.query, st.Stack, st.Query(), tt.stack, tt.back)
		}
		if got := strings.Join(notes, "\n"); (tt.notice == "") != (got == "") || !strings.Contains(got, tt.notice) {
			t.Errorf("ParsePage(%q) notices %q; want one containing %q", tt.query, notes, tt.notice)
		}
	}
}

func TestStackInLessonURL(t *testing.T) {
	for _, tt := range []struct {
		query, shown, back, notice string
	}{
		{"lesson=framework-default", "django", "lesson=framework-default", ""},
		{"lesson=framework-default&stack=flask", "flask", "lesson=framework-default&stack=flask", ""},
		{"lesson=framework-default&stack=rails", "rails", "lesson=framework-default&stack=rails", ""},
		{"stack=node", "node", "lesson=" + LessonState{}.Lesson().Slug + "&stack=node", ""},
		{"stack=cobol", DefaultStack, "lesson=" + LessonState{}.Lesson().Slug, `got "cobol"`},
		{"lesson=framework-default&stack=cobol", "django", "lesson=framework-default", `got "cobol"`},
	} {
		st, notes := ParseLesson(tt.query)
		if st.StackShown() != tt.shown || st.Query() != tt.back {
			t.Errorf("ParseLesson(%q): shows %q, query %q; want %q, %q", tt.query, st.StackShown(), st.Query(), tt.shown, tt.back)
		}
		if got := strings.Join(notes, "\n"); (tt.notice == "") != (got == "") || !strings.Contains(got, tt.notice) {
			t.Errorf("ParseLesson(%q) notices %q; want one containing %q", tt.query, notes, tt.notice)
		}
		if p := st.Page(); p.Stack != st.Stack {
			t.Errorf("ParseLesson(%q).Page().Stack = %q; want the link's %q", tt.query, p.Stack, st.Stack)
		}
	}
}
