package e2e

import (
	"net/url"
	"strings"
	"testing"
)

// The "In your app" panel follows the URL and the controls, and its picker
// writes stack= into the address.
func TestCodePanel(t *testing.T) {
	p := open(t, env.base+"/?stack=django&workers=6&max-requests=200&at=500", 1440, 1000)
	panel := p.text("#code-panel")
	for _, want := range []string{"In your app", "CACHES", "django.core.cache.backends.locmem.LocMemCache", "gunicorn -w 6 --max-requests 200 mysite.wsgi"} {
		if !strings.Contains(panel, want) {
			t.Errorf("panel for stack=django lacks %q", want)
		}
	}
	var picked string
	p.eval(`document.getElementById("code-stack").value`, &picked)
	if picked != "django" {
		t.Errorf("picker shows %q; want django", picked)
	}
	if got := p.text("#to-code"); !strings.Contains(got, "Django") || !strings.Contains(got, "app") {
		t.Errorf("the link to the panel reads %q; want it to name Django", got)
	}

	// Workers changed in the controls: the command line follows.
	p.eval(`(() => { const el = document.getElementById("f-workers"); el.value = "3"; el.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, new(bool))
	p.waitFor(`document.getElementById("code-panel").textContent.includes("gunicorn -w 3 --max-requests 200 mysite.wsgi")`)

	// Flask picked: the address says so, the panel shows Flask's code.
	p.eval(`(() => { const el = document.getElementById("code-stack"); el.value = "fastapi"; el.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, new(bool))
	p.waitFor(`location.search.includes("stack=fastapi") && document.getElementById("code-panel").textContent.includes("UvicornWorker")`)
	p.eval(`(() => { const el = document.getElementById("code-stack"); el.value = "flask"; el.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, new(bool))
	p.waitFor(`document.getElementById("code-panel").textContent.includes("load_item = KeyLRU(load_item, maxsize=")`)
	var search string
	p.eval(`location.search`, &search)
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	if got := v.Get("stack"); got != "flask" {
		t.Errorf("URL after picking Flask: %q; want stack=flask", search)
	}
	if v.Get("workers") != "3" {
		t.Errorf("URL after picking Flask lost workers=3: %q", search)
	}
}

func TestCodePanelBadStack(t *testing.T) {
	p := open(t, env.base+"/?stack=cobol&at=100", 1440, 1000)
	if notice := p.text("#notice"); !strings.Contains(notice, "stack") || !strings.Contains(notice, "cobol") {
		t.Errorf("notice %q does not name stack=cobol", notice)
	}
	if panel := p.text("#code-panel"); !strings.Contains(panel, "load_item = KeyLRU(load_item, maxsize=") || !strings.Contains(panel, "gunicorn -w 4 app:app") {
		t.Errorf("panel after a bad stack does not show the default (Flask): %q", panel)
	}
}

// The lesson page has the panel for the lesson's settings; the framework
// lesson opens it on Django, and a picked stack lands in the lesson's URL.
func TestLessonCodePanel(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=framework-default&at=100", 1440, 1000)
	panel := p.text("#code-panel")
	for _, want := range []string{"LocMemCache", `"MAX_ENTRIES": 300`, "gunicorn -w 4 mysite.wsgi"} {
		if !strings.Contains(panel, want) {
			t.Errorf("lesson panel lacks %q", want)
		}
	}
	if got := p.text("#to-code"); !strings.Contains(got, "In your app") {
		t.Errorf("no link to the panel near the lesson's text: %q", got)
	}
	p.eval(`(() => { const el = document.getElementById("code-stack"); el.value = "rails"; el.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, new(bool))
	p.waitFor(`location.search.includes("stack=rails") && location.search.includes("lesson=framework-default") && document.getElementById("code-panel").textContent.includes(":memory_store")`)
}

// TestCopyCode: a snippet's Copy button puts exactly its code on the
// clipboard and says so; where the browser has no clipboard it selects the
// code for Ctrl+C instead.
func TestCopyCode(t *testing.T) {
	p := open(t, env.base+"/?stack=flask&at=0", 1280, 800)
	var want string
	p.eval(`document.querySelector("#code-s1-0 pre").textContent`, &want)
	if !strings.Contains(want, "def ") {
		t.Fatalf("the first snippet of the fix reads %q; want Python code", want)
	}
	// the page's own call, with the clipboard's write recorded
	p.eval(`(() => { Object.defineProperty(navigator, "clipboard", {configurable: true, value: {writeText: s => { window.copied = s; return Promise.resolve(); }}}); return true })()`, new(bool))
	p.click("#code-s1-0 .copy-code")
	p.waitFor(`document.querySelector("#code-s1-0 .copy-code").textContent === "Copied ✓"`)
	p.eval(`(() => { document.querySelector("#code-s1-0").scrollIntoView(); return true })()`, new(bool))
	p.shot("copy-code", false)
	var got string
	p.eval(`window.copied`, &got)
	if got != want {
		t.Errorf("the clipboard got %d bytes; want the snippet's %d", len(got), len(want))
	}
	// no clipboard: the code is selected
	p.eval(`(() => { Object.defineProperty(navigator, "clipboard", {configurable: true, value: undefined}); return true })()`, new(bool))
	p.click("#code-s1-0 .copy-code")
	p.waitFor(`document.querySelector("#code-s1-0 .copy-code").textContent.startsWith("Selected")`)
	p.eval(`getSelection().toString()`, &got)
	if strings.TrimSpace(got) != strings.TrimSpace(want) {
		t.Errorf("the selection has %d bytes; want the snippet's %d", len(got), len(want))
	}
}

// TestStackPickerFitsPhone: at a phone's 375 px every stack's name fits
// the picker's box when picked, beside the menu's arrow (about 20 px in
// Chromium): "FastAPI + gunicorn with uvicorn workers" was cut after
// "uvicorn work".
func TestStackPickerFitsPhone(t *testing.T) {
	for _, u := range []string{"/?at=10", "/learn?lesson=the-post&at=3"} {
		p := open(t, env.base+u, 375, 667)
		var cut []string
		p.eval(`(() => {
			const s = document.getElementById("code-stack"), cs = getComputedStyle(s);
			const c = document.createElement("canvas").getContext("2d"); c.font = cs.font;
			const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
			return [...s.options].filter(o => c.measureText(o.text).width > room)
				.map(o => JSON.stringify(o.text) + " is " + Math.round(c.measureText(o.text).width) + " px in " + Math.round(room));
		})()`, &cut)
		for _, c := range cut {
			t.Errorf("%s at 375 px: the stack picker cuts %s", u, c)
		}
	}
}
