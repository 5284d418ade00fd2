package lesson

import "testing"

// The short path names lessons that exist, in the order of the lessons.
func TestShortPath(t *testing.T) {
	at := -1
	for _, slug := range Short {
		i := Index(slug)
		if i < 0 {
			t.Fatalf("short path names %q, which is no lesson", slug)
		}
		if i <= at {
			t.Errorf("short path: %q comes before the lesson ahead of it", slug)
		}
		at = i
	}
}
