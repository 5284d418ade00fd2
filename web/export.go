package web

import (
	"bytes"
	"encoding/json"

	"github.com/cachepit/cachepit/report"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Export is the JSON a lesson page downloads: where the run came from and
// every system's report.
type Export struct {
	Lesson string       `json:"lesson,omitempty"` // the lesson's URL name
	Link   string       `json:"link"`             // reproduces the run
	At     int64        `json:"at"`               // requests served
	Runs   []report.Run `json:"runs"`             // the lesson's system first, then its partner
}

// Reports describes each system of views, in order.
func Reports(views []View) []report.Run {
	out := make([]report.Run, len(views))
	for i, v := range views {
		out[i] = report.New(v.Config, v.Stats)
	}
	return out
}

// ExportJSON is the indented JSON of e.
func ExportJSON(e Export) []byte {
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		panic(err) // plain structs of numbers and strings always encode
	}
	return append(b, '\n')
}

// ExportCSV is the per-worker table of every system in views.
func ExportCSV(views []View) []byte {
	var b bytes.Buffer
	report.WriteCSV(&b, Reports(views)...)
	return b.Bytes()
}

// download hands data to the browser as a file, through a Blob and an object URL.
func download(name, mime string, data []byte) {
	w := app.Window()
	arr := w.Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(arr, data)
	parts := w.Get("Array").New()
	parts.Call("push", arr)
	blob := w.Get("Blob").New(parts, map[string]any{"type": mime})
	u := w.Get("URL").Call("createObjectURL", blob)
	a := w.Get("document").Call("createElement", "a")
	a.Set("href", u)
	a.Set("download", name)
	a.Call("click")
	var revoke app.Func
	revoke = app.FuncOf(func(app.Value, []app.Value) any {
		w.Get("URL").Call("revokeObjectURL", u)
		revoke.Release()
		return nil
	})
	w.Call("setTimeout", revoke, 10_000)
}
