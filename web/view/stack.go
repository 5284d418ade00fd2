package view

import (
	"fmt"
	"strings"

	"github.com/cachepit/cachepit/stack"
)

// Stack picker state in a page URL: stack=django. Both pages take it.
const (
	ParamStack   = "stack"
	DefaultStack = "flask" // the post's stack
)

// ParseStack reads the stack= parameter; a name that is not a stack gives
// DefaultStack and a notice naming the stacks.
func ParseStack(s string) (name, notice string) {
	for _, n := range stack.Stacks() {
		if n == s {
			return s, ""
		}
	}
	return DefaultStack, fmt.Sprintf("stack must be one of %s, got %q", strings.Join(stack.Stacks(), ", "), s)
}

// popStack reads stack= from v into *to, left as it is when v has none or
// names no stack.
func popStack(v map[string][]string, to *string) (notice string) {
	s, ok := pop(v, ParamStack)
	if !ok {
		return ""
	}
	name, notice := ParseStack(s)
	if notice == "" {
		*to = name
	}
	return notice
}

// stackQuery is the stack= part of a query, "" for none.
func stackQuery(name string) string {
	if name == "" {
		return ""
	}
	return ParamStack + "=" + name
}

// lessonStacks is the stack a lesson's panel opens on when its link names
// none: the framework lesson is about Django's default cache.
var lessonStacks = map[string]string{"framework-default": "django"}

// StackShown is the stack the lesson's "In your app" panel shows.
func (st LessonState) StackShown() string {
	if st.Stack != "" {
		return st.Stack
	}
	if s, ok := lessonStacks[st.Lesson().Slug]; ok {
		return s
	}
	return DefaultStack
}
