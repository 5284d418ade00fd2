package web

import (
	"github.com/cachepit/cachepit/lesson"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// glossary lists terms: on the handout every one, open; on a lesson page
// those the lesson uses (lesson.Glossary), folded under the system.
func glossary(terms []lesson.Term, open bool) app.UI {
	if len(terms) == 0 {
		return nil
	}
	list := el("dl").Class("glossary-list").Body(app.Range(terms).Slice(func(i int) app.UI {
		return el("div").Body(el("dt").Text(terms[i].Word), el("dd").Text(terms[i].Meaning))
	}))
	if open {
		return el("section").Class("panel glossary").ID("glossary").Aria("labelledby", "glossary-title").Body(
			app.H2().ID("glossary-title").Text("Glossary"), list)
	}
	return el("details").Class("panel glossary").ID("glossary").Body(el("summary").Text("Words used here"), list)
}
