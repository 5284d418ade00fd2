package web

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func TestSummarize(t *testing.T) {
	st := DefaultPage()
	st.Compare, st.Config.Writes = true, 0.05
	r, _ := newRunner(st)
	r.Advance(20_000)
	v := r.Views()
	fs := Summarize(v[0], v[1])
	if len(fs) != 5 {
		t.Fatalf("%d findings; want 5", len(fs))
	}
	a, b := v[0].Stats, v[1].Stats
	byLabel := map[string]Finding{}
	for _, f := range fs {
		byLabel[f.Label] = f
	}
	db := byLabel["Database reads"]
	if db.Left != Count(a.Origin.Reads) || db.Right != Count(b.Origin.Reads) {
		t.Errorf("database reads %q/%q; want %d/%d", db.Left, db.Right, a.Origin.Reads, b.Origin.Reads)
	}
	if want := better(float64(a.Origin.Reads), float64(b.Origin.Reads), false); db.Better != want {
		t.Errorf("database reads: better=%d; want %d", db.Better, want)
	}
	stale := byLabel["Stale reads"]
	if b.Total.Stale == 0 && a.Total.Stale > 0 && !strings.Contains(stale.Remark, "no stale reads") {
		t.Errorf("stale remark %q; the shared side had none", stale.Remark)
	}
	if Summarize(View{}, View{}) != nil {
		t.Error("Summarize of empty runs should say nothing")
	}
}

func TestChange(t *testing.T) {
	tests := []struct {
		a, b int64
		want string
	}{
		{100, 100, "the same number of"},
		{100, 26, "74% fewer"},
		{100, 250, "2.5× more"},
		{0, 5, "more"},
	}
	for _, tt := range tests {
		if got := change(tt.a, tt.b, "fewer", "more"); got != tt.want {
			t.Errorf("change(%d, %d) = %q; want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestHeadline(t *testing.T) {
	c := sim.Default()
	h := Headline(TheoryOf(c))
	for _, want := range []string{Pct(sim.Che(c, c.Cache)), Pct(sim.Che(c, c.Workers*c.Cache)), "same 400 entries", "Che"} {
		if !strings.Contains(h, want) {
			t.Errorf("Headline = %q; want it to contain %q", h, want)
		}
	}
	c.SharedCache = 40
	h = Headline(TheoryOf(c))
	for _, want := range []string{Pct(sim.Che(c, 40)), "One shared cache of 40 entries"} {
		if !strings.Contains(h, want) {
			t.Errorf("Headline with shared-cache=40 = %q; want it to contain %q", h, want)
		}
	}
	c.Balancer = "keyhash"
	if h := Headline(TheoryOf(c)); h != "" {
		t.Errorf("Headline with keyhash = %q; want empty (each worker sees its own keys)", h)
	}
}

func TestDownsample(t *testing.T) {
	var pts []sim.Point
	var reads, hits int64
	for i := int64(1); i <= 500; i++ {
		p := sim.Point{Seq: i * 10, Reads: 10, Hits: i % 10, OriginReads: 10 - i%10}
		reads, hits = reads+p.Reads, hits+p.Hits
		pts = append(pts, p)
	}
	ws := Downsample(pts, 60, 20)
	if len(ws) > 61 || len(ws) < 50 {
		t.Fatalf("%d windows; want about 60", len(ws))
	}
	var gotReads, gotHits, gotReq int64
	for _, w := range ws {
		gotReads, gotHits, gotReq = gotReads+w.Reads, gotHits+w.Hits, gotReq+w.Requests
		if w.Reads < 20 {
			t.Errorf("window at %d has %d reads; want at least 20", w.Seq, w.Reads)
		}
		if r := float64(w.Hits) / float64(w.Reads); r != w.HitRatio {
			t.Errorf("window at %d: hit ratio %v; want %v", w.Seq, w.HitRatio, r)
		}
	}
	if gotReads != reads || gotHits != hits {
		t.Errorf("merged windows hold %d reads, %d hits; want %d, %d", gotReads, gotHits, reads, hits)
	}
	if last := ws[len(ws)-1].Seq; last != 5000 {
		t.Errorf("last window ends at %d; want 5000 (the latest requests must show)", last)
	}
	if Downsample(nil, 60, 20) != nil {
		t.Error("Downsample(nil) should be nil")
	}
}
