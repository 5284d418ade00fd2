package view

import (
	"bytes"
	"encoding/json"

	"github.com/cachepit/cachepit/report"
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
func Reports(views []System) []report.Run {
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
func ExportCSV(views []System) []byte {
	var b bytes.Buffer
	report.WriteCSV(&b, Reports(views)...)
	return b.Bytes()
}
