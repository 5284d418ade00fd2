package e2e

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
	"github.com/chromedp/cdproto/browser"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// played is what each lesson must say once it has played its requests:
// the engine's own numbers for that lesson, run natively.
func played(t *testing.T, l lesson.Lesson) []string {
	t.Helper()
	r, err := lesson.Play(l)
	if err != nil {
		t.Fatalf("%s: %v", l.Slug, err)
	}
	return l.Notice(r)
}

// key presses a key where the focus is, as a person would.
func (p *page) key(k string) {
	p.t.Helper()
	p.front()
	if err := chromedp.Run(p.ctx, chromedp.KeyEvent(k)); err != nil {
		p.t.Fatalf("key %q: %v", k, err)
	}
}

// noticeLines are the "what to notice" lines on screen.
func (p *page) noticeLines() []string {
	p.t.Helper()
	var got []string
	p.eval(`[...document.querySelectorAll("#notice-lines li")].map(li => li.textContent.trim())`, &got)
	return got
}

// waitPlayed waits until lesson l has played all its requests and paused.
// At each of the lesson's marked moments the run pauses: Space goes on,
// as a teacher does once the class has seen it.
func (p *page) waitPlayed(l lesson.Lesson) {
	p.t.Helper()
	end := len(l.Script) + l.Requests
	pausedAt := func(n int64) string {
		return fmt.Sprintf(`document.querySelector("#walkthrough[data-lesson='%s']") !== null &&
			document.getElementById("run-count").textContent.trim() === %q &&
			document.getElementById("play").getAttribute("aria-label") === "Play"`,
			l.Slug, fmt.Sprintf("request %s of %s", view.Count(n), view.Count(int64(end))))
	}
	for _, m := range l.Marks {
		if p.seq() >= m.Seq {
			continue
		}
		p.waitPaused(pausedAt(m.Seq))
		p.key(" ")
		p.waitFor(fmt.Sprintf(`document.getElementById("play").getAttribute("aria-label") === "Pause" || Number(document.getElementById("sys-0").dataset.seq) > %d`, m.Seq))
	}
	p.waitPaused(pausedAt(int64(end)))
}

// stall is how long a run may show the same request before waitPaused
// gives up on it. A stretch of a lesson has no budget of its own: a loaded
// machine plays it slower (lesson 12's 7,449 requests to its first moment
// took more than 15 s, its two lessons more than the two minutes their tab
// had), but a run that plays moves every frame, and one that does not is
// stuck, or paused where js does not hold.
const stall = 20 * time.Second

// waitPaused waits for js, a pause the run comes to, for as long as the
// request the page shows keeps moving, and says where the page stands if
// it stops short.
func (p *page) waitPaused(js string) {
	p.t.Helper()
	p.front() // a tab in the background is throttled
	last, moved := int64(-1), time.Now()
	for {
		var st struct {
			OK  bool    `json:"ok"`
			Seq float64 `json:"seq"`
		}
		p.eval(`({ok: Boolean(`+js+`), seq: Number((document.getElementById("sys-0") || {dataset: {}}).dataset.seq || 0)})`, &st)
		if st.OK {
			return
		}
		if seq := int64(st.Seq); seq != last {
			last, moved = seq, time.Now()
		} else if time.Since(moved) > stall {
			var state string
			p.eval(`document.getElementById("run-count").textContent + " · " + document.getElementById("play").getAttribute("aria-label") + " · " + document.getElementById("status").textContent`, &state)
			p.t.Fatalf("the run stood at request %d for %s without %s; the page stands at %s", seq, stall, js, state)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// seq is the request the first system has served, as the page shows it.
func (p *page) seq() int64 {
	p.t.Helper()
	var n float64
	p.eval(`Number((document.getElementById("sys-0") || {dataset: {}}).dataset.seq || 0)`, &n)
	return int64(n)
}

// TestLessonsByKeyboard walks through every lesson with the keyboard alone:
// each lesson plays by itself, and once played its "what to notice" lines
// are exactly the engine's for that lesson. Each lesson plays for about six
// seconds on a quiet machine, several times that on a loaded one: the tab
// has openFor's long budget, and each wait lasts as long as the run moves.
func TestLessonsByKeyboard(t *testing.T) {
	p := openFor(t, env.base+"/learn", 1440, 1000, 0)
	// /learn is the index: every lesson by its title and what it teaches.
	var index []string
	p.eval(`[...document.querySelectorAll("#lesson-index li")].map(li => li.textContent)`, &index)
	if len(index) != len(lesson.All) {
		t.Fatalf("the index lists %d lessons; want %d", len(index), len(lesson.All))
	}
	for i, l := range lesson.All {
		if !strings.Contains(index[i], strings.TrimLeft(l.Title, "0123456789. ")) || !strings.Contains(index[i], l.Teaches) {
			t.Errorf("the index's lesson %d reads %q; want its title and %q", i+1, index[i], l.Teaches)
		}
	}
	for _, l := range lesson.All {
		p.key(kb.ArrowRight) // from the index, the first lesson; then each next one
		p.waitFor(fmt.Sprintf(`document.getElementById("walkthrough").dataset.lesson === %q`, l.Slug))
		p.waitPlayed(l)
		want := played(t, l)
		if got := p.noticeLines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: what to notice on screen:\n%s\nengine:\n%s", l.Slug, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		var search string
		p.eval(`location.search`, &search)
		if v, _ := url.ParseQuery(strings.TrimPrefix(search, "?")); v.Get("lesson") != l.Slug {
			t.Errorf("lesson %s: URL %q does not name it", l.Slug, search)
		}
		var prog string
		p.eval(`document.getElementById("progress").textContent`, &prog)
		if got := prog; got != fmt.Sprintf("Lesson %d of %d", lesson.Index(l.Slug)+1, len(lesson.All)) {
			t.Errorf("progress %q at lesson %s", got, l.Slug)
		}
	}
	// Past the last lesson, the right arrow stays put: the keys are handled
	// in order, so once the left arrow has opened the lesson before, Back
	// returns to the last one only if the right arrow went nowhere.
	last, before := lesson.All[len(lesson.All)-1].Slug, lesson.All[len(lesson.All)-2].Slug
	p.key(kb.ArrowRight)
	p.key(kb.ArrowLeft)
	p.waitFor(fmt.Sprintf(`document.getElementById("walkthrough").dataset.lesson === %q`, before))
	// Each lesson is a page of its own in the history: Back returns to the last one.
	p.eval(`history.back(); true`, new(bool))
	p.waitFor(fmt.Sprintf(`document.getElementById("walkthrough").dataset.lesson === %q && location.search.includes("lesson=%s")`, last, last))
}

// TestLessonKeys checks the other keys: s steps, r resets, space plays and
// pauses, ? opens the shortcuts and Esc closes them; in a form field they type.
func TestLessonKeys(t *testing.T) {
	l := lesson.All[lesson.Index("cold-misses")]
	end := len(l.Script) + l.Requests
	p := open(t, env.base+"/learn?lesson=cold-misses&at="+fmt.Sprint(end), 1440, 1000)
	p.waitPlayed(l)
	p.key("s")
	p.waitFor(fmt.Sprintf(`document.getElementById("run-count").textContent.includes(%q)`, view.Count(end+1)))
	if got := p.text("#status"); !strings.HasPrefix(got, fmt.Sprintf("Request %s: GET k", view.Count(end+1))) {
		t.Errorf("live region after a step: %q", got)
	}
	var live string
	p.eval(`document.getElementById("status").getAttribute("aria-live")`, &live)
	if live != "polite" {
		t.Errorf("status aria-live=%q; want polite", live)
	}
	var search string
	p.eval(`location.search`, &search)
	if !strings.Contains(search, fmt.Sprintf("at=%d", end+1)) {
		t.Errorf("URL after a step: %q; want at=%d", search, end+1)
	}

	p.key("r") // back to request 0, paused
	p.waitFor(fmt.Sprintf(`document.getElementById("run-count").textContent.trim() === %q &&
		document.getElementById("play").getAttribute("aria-label") === "Play"`, "request 0 of "+view.Count(end)))
	p.key(" ")
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Pause"`)
	p.key(" ")
	p.waitFor(`document.getElementById("play").getAttribute("aria-label") === "Play"`)
	var seq string
	p.eval(`document.getElementById("run-count").textContent`, &seq)
	if strings.Contains(seq, view.Count(end+1)) {
		t.Errorf("after r the run did not start again: %q", seq)
	}
	p.key(" ")
	p.waitPlayed(l)

	p.key("p")
	p.waitFor(`document.querySelector("#walkthrough.presenter") !== null && location.search.includes("presenter=1")`)
	p.key("p")
	p.waitFor(`document.querySelector("#walkthrough.presenter") === null && !location.search.includes("presenter")`)

	p.key("?")
	p.waitFor(`document.getElementById("shortcuts").open === true`)
	var focusIn bool
	p.eval(`document.getElementById("shortcuts").contains(document.activeElement)`, &focusIn)
	if !focusIn {
		t.Error("the shortcuts dialog opened without the focus")
	}
	p.shot("lesson-shortcuts", false)
	p.key(kb.Escape)
	p.waitFor(`document.getElementById("shortcuts").open === false`)

	// In a form field the keys are the field's: the speed list keeps its arrows.
	p.eval(`document.getElementById("lesson-speed").focus(); true`, new(bool))
	p.key(kb.ArrowRight)
	time.Sleep(300 * time.Millisecond)
	p.waitFor(`document.getElementById("walkthrough").dataset.lesson === "cold-misses"`)

	// The reveal button shows the answer and says so.
	p.eval(`document.body.focus(); true`, new(bool))
	if p.visible("#answer") {
		t.Error("the answer shows before it is revealed")
	}
	p.click("#reveal")
	p.waitFor(`document.getElementById("reveal").getAttribute("aria-expanded") === "true"`)
	if !p.visible("#answer") || p.text("#answer") != l.Answer {
		t.Errorf("revealed answer %q; want %q", p.text("#answer"), l.Answer)
	}
}

// visible reports whether sel is rendered with a size.
func (p *page) visible(sel string) bool {
	p.t.Helper()
	var ok bool
	p.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.getClientRects().length > 0 })()`, sel), &ok)
	return ok
}

// TestBadLessonName shows a notice and the first lesson, never a dead page.
func TestBadLessonName(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=no-such-lesson", 1440, 1000)
	if got := p.text("#notice"); !strings.Contains(got, "no-such-lesson") {
		t.Errorf("notice %q does not name the bad lesson", got)
	}
	p.waitPlayed(lesson.All[0])
	if got, want := p.noticeLines(), played(t, lesson.All[0]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("fallback lesson notices %q; want %q", got, want)
	}
}

// TestLessonLinkAndExport: a link paused at a request reproduces the
// numbers; the downloads carry the engine's numbers for that state.
func TestLessonLinkAndExport(t *testing.T) {
	l := lesson.All[lesson.Index("stale-data")]
	p := open(t, env.base+"/learn?lesson=stale-data&at=1234", 1440, 1000)
	p.waitFor(`document.getElementById("run-count").textContent.trim() === "request 1,234 of 5,000"`)
	p.click("#copy-link")
	p.waitFor(`document.getElementById("share-link") !== null && document.getElementById("link-note").textContent !== "Copying…"`)
	var link string
	p.eval(`document.getElementById("share-link").value`, &link)
	u, err := url.Parse(link)
	if err != nil || u.Path != "/learn" || u.Query().Get("lesson") != "stale-data" || u.Query().Get("at") != "1234" {
		t.Fatalf("copied link %q; want /learn?lesson=stale-data&at=1234", link)
	}
	// When the browser refuses the clipboard, the link is shown selected.
	p.eval(`navigator.clipboard.writeText = () => Promise.reject(new Error("refused")); true`, new(bool))
	p.click("#copy-link")
	p.waitFor(`document.getElementById("link-note").textContent.includes("did not allow")`)
	var sel struct{ Focused, All bool }
	p.eval(`(() => { const e = document.getElementById("share-link");
		return {Focused: document.activeElement === e, All: e.selectionStart === 0 && e.selectionEnd === e.value.length && e.value.length > 0} })()`, &sel)
	if !sel.Focused || !sel.All {
		t.Errorf("fallback link: focused %v, all selected %v", sel.Focused, sel.All)
	}
	again := open(t, link, 1440, 1000)
	again.waitFor(`document.getElementById("run-count").textContent.trim() === "request 1,234 of 5,000"`)
	if a, b := p.noticeLines(), again.noticeLines(); strings.Join(a, "|") != strings.Join(b, "|") || len(a) == 0 {
		t.Errorf("the link shows %q; the page it came from %q", b, a)
	}

	// The JSON the page builds for download, read from the same function.
	// The files land in a folder of the test's, not the user's Downloads.
	dir := t.TempDir()
	if err := chromedp.Run(p.ctx, browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dir)); err != nil {
		t.Fatal(err)
	}
	p.eval(`window.__blobs = []; (orig => { URL.createObjectURL = b => { window.__blobs.push(b); return orig.call(URL, b); }; })(URL.createObjectURL);
		document.getElementById("download-json").click(); document.getElementById("download-csv").click(); true`, new(bool))
	p.waitFor(`window.__blobs.length === 2`)
	var raw string
	if err := chromedp.Run(p.ctx, chromedp.Evaluate(`(async () => JSON.stringify({
		json: await window.__blobs[0].text(), csv: await window.__blobs[1].text(), types: window.__blobs.map(b => b.type)}))()`,
		&raw, func(e *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return e.WithAwaitPromise(true) })); err != nil {
		t.Fatalf("reading the downloads: %v", err)
	}
	var got struct {
		JSON  string   `json:"json"`
		CSV   string   `json:"csv"`
		Types []string `json:"types"`
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("downloads: %v (%s)", err, raw)
	}
	var exp view.Export
	if err := json.Unmarshal([]byte(got.JSON), &exp); err != nil {
		t.Fatalf("the JSON download is not JSON: %v\n%s", err, got.JSON)
	}
	s, partner := native(t, l.Query, 1234), native(t, view.Partner(l.Config()).Query(), 1234)
	if exp.Lesson != "stale-data" || exp.At != 1234 || len(exp.Runs) != 2 {
		t.Fatalf("export lesson %q at %d with %d runs", exp.Lesson, exp.At, len(exp.Runs))
	}
	for i, sm := range []struct{ hits, stale, origin int64 }{
		{s.Stats().Total.Hits, s.Stats().Total.Stale, s.Stats().Origin.Reads},
		{partner.Stats().Total.Hits, partner.Stats().Total.Stale, partner.Stats().Origin.Reads},
	} {
		r := exp.Runs[i]
		if r.Total.Hits != sm.hits || r.Total.Stale != sm.stale || r.Origin.Reads != sm.origin {
			t.Errorf("JSON run %d: hits %d stale %d origin %d; engine %d %d %d", i, r.Total.Hits, r.Total.Stale, r.Origin.Reads, sm.hits, sm.stale, sm.origin)
		}
	}
	lines := strings.Split(strings.TrimSpace(got.CSV), "\n")
	if len(lines) != 1+2*(l.Config().Workers+1) || !strings.HasPrefix(lines[0], "system,mode,worker") {
		t.Errorf("CSV has %d lines, header %q", len(lines), lines[0])
	}
	if want := fmt.Sprintf("0,local,total,,%d,%d,", s.Stats().Total.Requests, s.Stats().Total.Hits); !strings.HasPrefix(lines[l.Config().Workers+1], want) {
		t.Errorf("CSV total row %q; want it to start %q", lines[l.Config().Workers+1], want)
	}
	if strings.Join(got.Types, ",") != "application/json,text/csv" {
		t.Errorf("blob types %v", got.Types)
	}
	for name, want := range map[string]string{"cachepit-stale-data-1234.json": got.JSON, "cachepit-stale-data-1234.csv": got.CSV} {
		var b []byte
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if b, err = os.ReadFile(filepath.Join(dir, name)); err == nil && len(b) == len(want) {
				break
			}
		}
		if string(b) != want {
			t.Errorf("downloaded %s: %d bytes, %v; want the %d bytes the page built", name, len(b), err, len(want))
		}
	}
}
