package web

import (
	stdhtml "html"
	"regexp"
	"slices"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
)

// Each lesson's "Words used here" defines the words its worker cards
// write, not only those of its text: lesson 1's cards say "hit ratio" and
// "stale reads", which its glossary left out.
func TestGlossaryHasCardWords(t *testing.T) {
	card := regexp.MustCompile(`<article[^>]*class="card[\s\S]*?</article>`)
	tag := regexp.MustCompile(`<[^>]*>`)
	for _, l := range lesson.All {
		w := &Walkthrough{}
		w.load(view.LessonState{Index: lesson.Index(l.Slug), At: l.End()})
		page := html(w.Render())
		w.pause()
		var text string
		for _, c := range card.FindAllString(page, -1) {
			text += stdhtml.UnescapeString(tag.ReplaceAllString(c, " ")) + "\n"
		}
		if text == "" {
			t.Fatalf("%s: no worker card drawn", l.Slug)
		}
		var listed []string
		for _, term := range l.Glossary() {
			listed = append(listed, term.Word)
		}
		for _, word := range lesson.WordsIn(text) {
			if !slices.Contains(listed, word) {
				t.Errorf("%s: the cards write %q; its glossary lists %q", l.Slug, word, listed)
			}
		}
	}
}
