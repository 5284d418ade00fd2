package e2e

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
)

// TestWarmupPlayground: early in a run the theory panel sets the hit ratio
// of the recent window beside the all-time one (which lags, dragged down by
// the cold start), says "warming up: x% of the steady state", and "Skip the
// warm-up" runs on to where the caches have settled, pauses there and puts
// that request in the link, which reproduces it.
func TestWarmupPlayground(t *testing.T) {
	const q, at = "cache=300&keys=5000", 1200 // caches that take a while to fill
	c, err := sim.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	theory := view.TheoryOf(c)
	p := open(t, fmt.Sprintf("%s/?%s&at=%d", env.base, q, at), 1440, 1000)

	// The recent window is the hit ratio between two moments of the run,
	// counted here from the engine's totals rather than its series.
	w := view.WarmupOf(native(t, q, at).Series(), theory.HitRatio)
	if w.State != view.Warming {
		t.Fatalf("at request %d the run is in state %d, not warming up: pick an earlier request", at, w.State)
	}
	a, b := native(t, q, int(w.From)).Stats().Total, native(t, q, int(w.To)).Stats().Total
	recent := float64(b.Hits-a.Hits) / float64(b.Reads-a.Reads)
	if got, want := p.text("#theory-local-recent"), view.Pct(recent); got != want {
		t.Errorf("recent hit ratio %q; the engine's totals give %q for requests %d to %d", got, want, w.From+1, w.To)
	}
	if got, want := p.text("#theory-recent-head"), "last "+view.Count(w.To-w.From); got != want {
		t.Errorf("recent column headed %q; want %q", got, want)
	}
	all := native(t, q, at).Stats().HitRatio
	if all >= recent {
		t.Errorf("all-time %.3f not below recent %.3f: the warm-up should show", all, recent)
	}
	if got, want := p.text("#warmup-0"), "Warming up: the last "+view.Plural(w.To-w.From, "request")+" hit "+view.Pct(recent)+"; Che's approximation predicts "+view.Pct(theory.HitRatio); !strings.HasPrefix(got, want) {
		t.Errorf("warm-up line %q; want it to start %q", got, want)
	}
	p.shot("warmup-playground-before", false)

	p.click("#skip-warmup")
	p.waitFor(`["settled", "steady"].includes(document.getElementById("warmup-0").dataset.state)`)
	r, err := view.NewRunner(view.PageState{Config: c, At: at})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Advance(at); err != nil {
		t.Fatal(err)
	}
	if ok, err := r.SkipWarmup(theory); !ok || err != nil {
		t.Fatalf("natively the run did not settle: %v", err)
	}
	seq := r.Seq()
	p.waitFor(fmt.Sprintf(`new URLSearchParams(location.search).get("at") === "%d"`, seq))
	if got := p.text("#s0-seq"); got != view.Count(seq) {
		t.Errorf("after skipping, the page shows request %s; the engine settles at %s", got, view.Count(seq))
	}
	if p.visible("#skip-warmup") {
		t.Errorf("the skip button stays once the caches have settled")
	}
	settled := view.WarmupOf(native(t, q, int(seq)).Series(), theory.HitRatio)
	if d := settled.Recent - theory.HitRatio; settled.State == view.Settled && (d > settled.Margin || -d > settled.Margin) {
		t.Errorf("settled at %.3f, more than %.3f from the prediction %.3f", settled.Recent, settled.Margin, theory.HitRatio)
	}
	after := p.text("#warmup-0")
	if !strings.Contains(after, view.Pct(settled.Recent)) {
		t.Errorf("after skipping the panel says %q; want the recent %s", after, view.Pct(settled.Recent))
	}
	p.shot("warmup-playground-after", false)

	var search string
	p.eval(`location.search`, &search)
	again := open(t, env.base+"/"+search, 1440, 1000)
	if got := again.text("#warmup-0"); got != after {
		t.Errorf("the link %s shows %q; the page showed %q", search, got, after)
	}
}

// TestWarmupLesson: the same on a lesson that compares two systems: each
// says how warm it is, and skipping pauses the lesson where both have
// settled, with that request in the link.
func TestWarmupLesson(t *testing.T) {
	l := lesson.All[lesson.Index("recycling")]
	const at = 1000
	p := open(t, fmt.Sprintf("%s/learn?lesson=%s&at=%d", env.base, l.Slug, at), 1440, 1000)
	views, err := view.PageViews(view.LessonState{Index: lesson.Index(l.Slug), At: at}.Page())
	if err != nil {
		t.Fatal(err)
	}
	ws := view.WarmupsOf(l.Prediction(), views)
	warming := 0
	for i, w := range ws {
		state := p.attr(fmt.Sprintf("#warmup-%d", i), "data-state")
		if want := []string{"none", "warming", "settled", "steady", "full"}[w.State]; state != want {
			t.Errorf("system %d is %q on the page; natively %q", i, state, want)
		}
		if w.State == view.Warming {
			warming++
			if got, want := p.text(fmt.Sprintf("#warmup-%d", i)), "hit "+view.Pct(w.Recent)+"; Che's approximation predicts "+view.Pct(w.Predicted); !strings.Contains(got, want) {
				t.Errorf("system %d says %q; want %q", i, got, want)
			}
		}
	}
	if warming == 0 {
		t.Fatalf("neither system is warming up at request %d: pick an earlier one", at)
	}
	p.click("#skip-warmup")
	p.waitFor(`!document.querySelector("#warmups [data-state='warming']") && !document.getElementById("skip-warmup")`)
	var search string
	p.eval(`location.search`, &search)
	q, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	seq, err := strconv.ParseInt(q.Get("at"), 10, 64)
	if err != nil || q.Get("lesson") != l.Slug {
		t.Fatalf("after skipping, the link is %q: want the lesson and at=", search)
	}
	r, err := view.NewLessonRunner(l, view.LessonState{Index: lesson.Index(l.Slug), At: at}.Page())
	if err != nil {
		t.Fatal(err)
	}
	r.Advance(at)
	if _, err := r.SkipWarmup(l.Prediction()); err != nil || r.Seq() != seq {
		t.Errorf("the page paused at request %d; natively the caches settle at %d (%v)", seq, r.Seq(), err)
	}
	if got := p.text("#s0-seq"); got != view.Count(seq) {
		t.Errorf("the page shows request %s; the link says %d", got, seq)
	}
	p.shot("warmup-lesson-after", false)
}

// attr is an attribute of the first element matching sel, or "".
func (p *page) attr(sel, name string) string {
	p.t.Helper()
	var s string
	p.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? (e.getAttribute(%q) || "") : "" })()`, sel, name), &s)
	return s
}
