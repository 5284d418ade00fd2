// Package view is the pages' view model: value snapshots of the simulated
// systems and everything the screen shows computed from them (summaries,
// insights, charts, predictions beside measurements), the pages' URL codecs
// and the downloads. It imports no browser code, so it is tested natively.
//
//	r, _ := view.NewRunner(view.DefaultPage())
//	r.Advance(1000)
//	fmt.Println(view.Pct(r.Views()[0].Stats.HitRatio))
package view
