package view

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func TestSummarize(t *testing.T) {
	st := DefaultPage()
	st.Compare, st.Config.Writes = true, 0.05
	r, _ := NewRunner(st)
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
	if b.Total.Stale == 0 && a.Total.Stale > 0 && !strings.Contains(stale.Remark, "none in this run") || strings.Contains(stale.Remark, "always") {
		t.Errorf("stale remark %q; the shared side had none", stale.Remark)
	}
	hit := byLabel["Hit ratio"]
	winner := v[1].Title
	if a.HitRatio > b.HitRatio {
		winner = v[0].Title
	}
	if !strings.HasPrefix(hit.Remark, winner+": ") || !strings.Contains(hit.Remark, "points higher, with the same total memory") {
		t.Errorf("hit ratio remark %q; want it to name %q, the higher side, and the same memory", hit.Remark, winner)
	}
	if !strings.HasPrefix(db.Remark, v[1].Title+": ") {
		t.Errorf("database reads remark %q does not name the side it counts", db.Remark)
	}
	// the star follows the figure the cell leads with: distinct keys
	mem := byLabel["Distinct keys cached (entries / duplicates)"]
	if !strings.HasPrefix(mem.Left, Count(a.Memory.Distinct)+" (") || !strings.HasPrefix(mem.Right, Count(b.Memory.Distinct)+" (") {
		t.Errorf("memory cells %q/%q do not lead with the distinct keys %d/%d", mem.Left, mem.Right, a.Memory.Distinct, b.Memory.Distinct)
	}
	if want := better(float64(a.Memory.Distinct), float64(b.Memory.Distinct), true); mem.Better != want {
		t.Errorf("memory: better=%d; want %d", mem.Better, want)
	}
	// Early in the run no cache is full: a side's extra distinct key is an
	// old copy a write left behind, so no star, and the remark says why.
	r, _ = NewRunner(st)
	r.Advance(300)
	v = r.Views()
	if evicted(v[0].Stats) || evicted(v[1].Stats) {
		t.Fatal("after 300 requests a cache already evicted: the case below tests nothing")
	}
	for _, f := range Summarize(v[0], v[1]) {
		if strings.HasPrefix(f.Label, "Distinct keys") && (f.Better != -1 || !strings.HasPrefix(f.Remark, "neither design has evicted")) {
			t.Errorf("before any eviction: better=%d, remark %q; want no star and the reason", f.Better, f.Remark)
		}
	}
	if Summarize(System{}, System{}) != nil {
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
		{100, 130, "30% more"},
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
	h := Headline(TheoryOf(c), false)
	for _, want := range []string{Pct(sim.Che(c, c.Cache)), Pct(sim.Che(c, c.Workers*c.Cache)), "same 400 entries", "Che"} {
		if !strings.Contains(h, want) {
			t.Errorf("Headline = %q; want it to contain %q", h, want)
		}
	}
	c.SharedCache = 40
	h = Headline(TheoryOf(c), false)
	for _, want := range []string{Pct(sim.Che(c, 40)), "One shared cache of 40 entries"} {
		if !strings.Contains(h, want) {
			t.Errorf("Headline with shared-cache=40 = %q; want it to contain %q", h, want)
		}
	}
	if h := Headline(TheoryOf(c), false); strings.Contains(h, "TTL") {
		t.Errorf("Headline without a TTL = %q; want no word of one", h)
	}
	if h := Headline(TheoryOf(c), true); !strings.Contains(h, "leave out the TTL") {
		t.Errorf("Headline with a TTL = %q; want it to say the approximation leaves expiry out", h)
	}
	c.Balancer = "keyhash"
	if h := Headline(TheoryOf(c), false); h != "" {
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

// The latency star goes to a side only where it is faster on the figures
// shown; otherwise the remark names the trade.
func TestLatencyStar(t *testing.T) {
	sys := func(title string, p50, p99 int, mean float64) System {
		var v System
		v.Title, v.Stats.Latency.P50, v.Stats.Latency.P99, v.Stats.Latency.Mean = title, p50, p99, mean
		return v
	}
	for _, tt := range []struct {
		a, b   System
		better int
		remark string
	}{
		{sys("L", 500, 5500, 300), sys("R", 1, 5000, 400), 1, "R: as fast or faster at p50 and p99, but slower on average (mean 400 µs against 300 µs)"}, // a lower mean, slower on both shown
		{sys("L", 5500, 5500, 10), sys("R", 5000, 5000, 20), 1, "R: as fast or faster at p50 and p99, but slower on average (mean 20 µs against 10 µs)"},
		{sys("L", 5500, 5500, 30), sys("R", 5000, 5000, 20), 1, "R: as fast or faster at p50 and p99 (mean 20 µs against 30 µs)"},
		{sys("L", 5500, 5500, 20.2), sys("R", 5000, 5000, 20.4), 1, "R: as fast or faster at p50 and p99 (mean 20 µs against 20 µs)"}, // the same as shown
		{sys("L", 1, 6000, 10), sys("R", 500, 5000, 20), -1, "a trade: L has the lower p50, R the lower p99"},
		{sys("L", 500, 5000, 10), sys("R", 1, 6000, 20), -1, "a trade: R has the lower p50, L the lower p99"},
		{sys("L", 5001, 5000, 10), sys("R", 5000, 5001, 20), -1, "the same as shown"},
		{sys("L", 1, 5000, 10), sys("R", 1, 5500, 20), 0, "L: as fast or faster at p50 and p99 (mean 10 µs against 20 µs)"},
		{sys("L", 1, 5000, 30), sys("R", 1, 5500, 20), 0, "L: as fast or faster at p50 and p99, but slower on average (mean 30 µs against 20 µs)"},
	} {
		f := latencyFinding(tt.a, tt.b)
		if f.Better != tt.better || !strings.Contains(f.Remark, tt.remark) {
			t.Errorf("%s vs %s: better %d, %q; want %d, %q", f.Left, f.Right, f.Better, f.Remark, tt.better, tt.remark)
		}
	}
}

// Once the engine has merged its windows, the first is as long as the
// others: a per-1,000-requests figure of the first stretch is not inflated.
func TestDownsampleFirstWindow(t *testing.T) {
	var pts []sim.Point
	for i := int64(1); i <= 10; i++ {
		pts = append(pts, sim.Point{Seq: 100 * i, Reads: 100, OriginReads: 50})
	}
	ws := Downsample(pts, 10, 1)
	if len(ws) != 10 || ws[0].Requests != 100 {
		t.Fatalf("%d windows, the first of %d requests; want 10 of 100", len(ws), ws[0].Requests)
	}
}

// change never rounds a drop to "100% fewer" unless it is a drop to none
// (lesson 13: 1,907 stale reads against 1).
func TestChangeRounding(t *testing.T) {
	for _, tt := range []struct {
		a, b int64
		want string
	}{
		{1907, 1, "99.9% fewer"},
		{1_000_000, 1, "99.9% fewer"},
		{1907, 0, "100% fewer"},
		{200, 2, "99% fewer"},
		{100, 26, "74% fewer"},
		{100, 100, "the same number of"},
		{100, 250, "2.5× more"},
	} {
		if got := change(tt.a, tt.b, "fewer", "more"); got != tt.want {
			t.Errorf("change(%d, %d) = %q; want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// The points in the hit ratio remark are the difference of the figures
// shown beside it (review of lesson 11: "98.4%" against "99.8%" was "1.5
// points higher"; a reader subtracting gets 1.4).
func TestHitRemarkAsShown(t *testing.T) {
	side := func(title string, hit float64) System {
		return System{Title: title, Config: sim.Default(), Stats: sim.Stats{HitRatio: hit}}
	}
	for _, tt := range []struct {
		a, b float64
		want string
	}{
		{0.98351, 0.99849, "B: 1.4 points higher, with the same total memory"}, // 98.4% and 99.8%
		{0.99849, 0.98351, "A: 1.4 points higher, with the same total memory"},
		{0.5004, 0.5996, "B: 10.0 points higher, with the same total memory"}, // 50.0% and 60.0%
		{0.1234, 0.1236, "B: 0.1 points higher, with the same total memory"},  // 12.3% and 12.4%
		{0.12341, 0.12349, "the same, with the same total memory"},            // both 12.3%
		{0, 1, "B: 100.0 points higher, with the same total memory"},
	} {
		a, b := side("A", tt.a), side("B", tt.b)
		if got := hitRemark(a, b); got != tt.want {
			t.Errorf("%s against %s: %q; want %q", Pct(tt.a), Pct(tt.b), got, tt.want)
		}
	}
}
