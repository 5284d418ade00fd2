package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/lesson"
	"github.com/cachepit/cachepit/web/view"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestHandoutPDF prints the handout through Chromium, with the browser's
// header and footer switched on as in its print dialog, and reads the PDF
// back as text (pdftotext) and as page images (pdftoppm, in screenshots/).
func TestHandoutPDF(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s missing: apt-get install poppler-utils", tool)
			}
			t.Skipf("%s missing: apt-get install poppler-utils", tool)
		}
	}
	p := open(t, env.base+"/handout", 1280, 900)
	var pdf []byte
	err := chromedp.Run(p.ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = cdppage.PrintToPDF().WithDisplayHeaderFooter(true).WithPreferCSSPageSize(true).
			WithPaperWidth(8.27).WithPaperHeight(11.69).Do(ctx)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(env.shots, "handout.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	all := oneLine(string(out))
	t.Logf("the printed handout has %d pages", len(pages))
	// Lessons flow on instead of taking a page each: no page but the last is
	// half empty (a full A4 page here holds about 40 lines of text).
	for i, page := range pages[:len(pages)-1] {
		if n := nonBlank(page); n < 20 {
			t.Errorf("page %d of %d has %d lines of text: lessons should flow on, not leave pages half empty", i+1, len(pages), n)
		}
	}
	// 13 lessons, twelve with a chart, then the stacks, the answers and the
	// glossary fill 17 pages.
	if len(pages) > len(lesson.All)+5 {
		t.Errorf("%d pages for %d lessons: lessons should flow on, not take a page each", len(pages), len(lesson.All))
	}
	keyCharts(t, p, all)

	// The page's own footer, not the browser's with the local address.
	for i, pg := range pages {
		if strings.Contains(pg, env.base+"/handout") || strings.Contains(pg, "127.0.0.1/handout") {
			t.Errorf("page %d prints the handout's own address (the browser's footer)", i+1)
		}
		if want := fmt.Sprintf("page %d of %d", i+1, len(pages)); !strings.Contains(pg, want) {
			t.Errorf("page %d lacks its footer %q", i+1, want)
		}
	}

	// Answers on a sheet of their own, after every question.
	last := len(pages) - 1
	for last > 0 && !strings.Contains(pages[last], "Answers") {
		last--
	}
	if strings.Contains(pages[last], "Question ") || strings.Contains(pages[last], "open lesson") {
		t.Errorf("the answers do not start a page of their own")
	}
	before := oneLine(strings.Join(pages[:last], " "))
	for i, l := range lesson.All {
		if !strings.Contains(before, oneLine(l.Question)) {
			t.Errorf("lesson %d's question is not printed before the answers", i+1)
		}
		if strings.Contains(before, oneLine(l.Answer)) {
			t.Errorf("lesson %d's answer is printed before the answer sheet", i+1)
		}
		if !strings.Contains(oneLine(pages[last]+strings.Join(pages[last+1:], " ")), oneLine(l.Answer)) {
			t.Errorf("lesson %d's answer is missing from the answer sheet", i+1)
		}
		// Links print with their address.
		bare := strings.Join(strings.Fields(all), "")
		if want := fmt.Sprintf("(%s/learn?lesson=%s)", env.base, l.Slug); !strings.Contains(bare, want) {
			t.Errorf("lesson %d's link does not print its address %s", i+1, want)
		}
		if want := fmt.Sprintf("(%s/?%s)", env.base, view.LessonInPlayground(l).Query()); !strings.Contains(bare, want) {
			t.Errorf("lesson %d's settings do not print their link %s", i+1, want)
		}
		// No line twice.
		for _, n := range played(t, l) {
			if c := strings.Count(all, oneLine(n)); c != 1 {
				t.Errorf("lesson %d: %q printed %d times", i+1, n, c)
			}
		}
	}
	l3, l4 := strings.Index(all, oneLine(lesson.All[2].Title)), strings.Index(all, oneLine(lesson.All[3].Title))
	if c := strings.Count(all[l3:l4], "Che's approximation"); l3 < 0 || l4 < l3 || c != 1 {
		t.Errorf("lesson 3 prints Che's approximation %d times", c)
	}
	if regexp.MustCompile(`\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2}`).MatchString(all) {
		t.Errorf("a page prints the browser's date header")
	}
	for _, want := range []string{"$ curl localhost:8000/get_cache_info", "Krzysztof Żuraw", "krzysztofzuraw.com/blog/2017/gunicorn-and-lru-cache-pitfall"} {
		if !strings.Contains(all, want) {
			t.Errorf("the printed handout lacks %q", want)
		}
	}

	// Page images to look at.
	prefix := filepath.Join(env.shots, "handout-page")
	if b, err := exec.Command("pdftoppm", "-png", "-r", "60", file, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, b)
	}
	t.Logf("pages as images: %s-*.png", prefix)
}

// keyCharts checks that each lesson prints its key chart, drawn from its
// end run, inside its own part of the handout, readable in black and white:
// every line black with a dash pattern of its own, and drawn.
func keyCharts(t *testing.T, p *page, all string) {
	t.Helper()
	for i, l := range lesson.All {
		id := view.KeyChart(l.Slug)
		sel := "#handout-" + l.Slug + "-chart"
		if id == "" {
			if p.visible(sel) {
				t.Errorf("lesson %d has a chart; none is named for it", i+1)
			}
			continue
		}
		var got struct {
			Title  string
			Lines  int
			Drawn  int
			Black  int
			Dashes []string
		}
		p.eval(fmt.Sprintf(`(() => {
			const f = document.querySelector(%q);
			if (!f) return {Title: "", Lines: 0, Drawn: 0, Black: 0, Dashes: []};
			const ls = [...f.querySelectorAll("svg[role=img] polyline")];
			return {Title: f.querySelector("figcaption strong").textContent,
				Lines: ls.length,
				Drawn: ls.filter(l => l.getAttribute("points").split(" ").length > 1).length,
				Black: ls.filter(l => l.getAttribute("stroke") === "#000").length,
				Dashes: ls.map(l => l.getAttribute("stroke-dasharray") || "")};
		})()`, sel), &got)
		var want view.ChartData
		for _, c := range view.Charts(nil) {
			if c.ID == id {
				want = c
			}
		}
		if got.Title == "" || got.Title != want.Title {
			t.Errorf("lesson %d: key chart %q; want %q", i+1, got.Title, want.Title)
			continue
		}
		if got.Lines == 0 || got.Drawn != got.Lines || got.Black != got.Lines {
			t.Errorf("lesson %d: %d lines, %d drawn, %d black", i+1, got.Lines, got.Drawn, got.Black)
		}
		if slices.Sort(got.Dashes); len(slices.Compact(got.Dashes)) != got.Lines {
			t.Errorf("lesson %d: two lines share a dash pattern: no telling them apart in black and white", i+1)
		}
		from := strings.Index(all, oneLine(l.Title))
		to := len(all)
		if i+1 < len(lesson.All) {
			to = strings.Index(all, oneLine(lesson.All[i+1].Title))
		}
		span := fmt.Sprintf("request 0 → %s, the lesson's end", view.Count(l.End()))
		if from < 0 || to < from || !strings.Contains(all[from:to], want.Title) || !strings.Contains(all[from:to], span) {
			t.Errorf("lesson %d's printed part lacks its chart %q over %q", i+1, want.Title, span)
		}
	}
}

var spaces = regexp.MustCompile(`\s+`)

// oneLine collapses every run of white space, line breaks included, to one space.
func oneLine(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// nonBlank counts the lines of a page that hold text.
func nonBlank(page string) int {
	n := 0
	for _, l := range strings.Split(page, "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}
