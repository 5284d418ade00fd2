package site

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// go-app's own app.js, for the site under base, as the server answers it.
func appJS(t *testing.T, base string) (goapp, ours string) {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "web"), 0o755)
	os.WriteFile(filepath.Join(dir, "web", "app.wasm"), []byte("\x00asm"), 0o644)
	h := Handler(Options{Dir: dir, Base: base})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/app.js", nil))
	goapp = rec.Body.String()
	js, err := Loader([]byte(goapp), h.Resources.AppWASM())
	if err != nil {
		t.Fatal(err)
	}
	return goapp, string(js)
}

func TestLoader(t *testing.T) {
	for _, base := range []string{"", "/cachepit/"} {
		goapp, js := appJS(t, base)
		wasm := strings.TrimSuffix(base, "/") + "/web/app.wasm"
		if !strings.Contains(goapp, `fetchWithProgress("`+wasm+`"`) {
			t.Fatalf("base %q: go-app's app.js does not fetch %s", base, wasm)
		}
		for _, want := range []string{"cachepitAfterFirstRender(goappInitServiceWorker);", "await cachepitWasm()",
			"function cachepitAfterFirstRender", `attributeFilter: ["data-ready"]`} {
			if !strings.Contains(js, want) {
				t.Errorf("base %q: app.js lacks %q", base, want)
			}
		}
		for _, gone := range []string{"\ngoappInitServiceWorker();", "fetchWithProgress(\"", "instantiateStreaming(\n"} {
			if strings.Contains(js, gone) {
				t.Errorf("base %q: app.js still has %q", base, gone)
			}
		}
		checkJS(t, js)
	}
	if _, err := Loader([]byte("// another app.js"), "/web/app.wasm"); err == nil {
		t.Error("Loader accepted an app.js it cannot rewrite")
	}
}

func TestStartLoad(t *testing.T) {
	page := "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n<meta name=\"author\" content=\"x\">\n<link rel=\"stylesheet\" href=\"/app.css\">\n</head>\n"
	tests := []struct{ url, want string }{
		{"/web/app.wasm", `const url = "/web/app.wasm";`},
		{"/cachepit/web/app.wasm", `const url = "/cachepit/web/app.wasm";`},
		{"/a</script><b>/web/app.wasm", `const url = "/a\u003c/script>\u003cb>/web/app.wasm";`},
	}
	for _, tt := range tests {
		got := string(StartLoad([]byte(page), tt.url))
		if !strings.Contains(got, tt.want) {
			t.Errorf("StartLoad(%q) lacks %s", tt.url, tt.want)
		}
		script, link := strings.Index(got, "var cachepitWasm"), strings.Index(got, "<link")
		if script < strings.Index(got, `<meta charset="UTF-8">`) || script > link {
			t.Errorf("StartLoad(%q): the script is not between the charset and the style sheets:\n%s", tt.url, got)
		}
		if style := strings.Index(got, "<style>"); style < 0 || style > link || !strings.Contains(got, "#app-wasm-loader") {
			t.Errorf("StartLoad(%q): no style before the style sheets that uncovers the server's drawing:\n%s", tt.url, got)
		}
		if n := strings.Count(got, "</script>"); n != 1 {
			t.Errorf("StartLoad(%q): %d </script>; want 1", tt.url, n)
		}
		checkJS(t, got[strings.Index(got, "<script>")+len("<script>"):strings.Index(got, "</script>")])
	}
}

// checkJS has node parse js, when node is installed.
func checkJS(t *testing.T, js string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found: apt-get install nodejs")
		}
		t.Log("node not found: JavaScript syntax not checked (apt-get install nodejs)")
		return
	}
	f := filepath.Join(t.TempDir(), "x.js")
	os.WriteFile(f, []byte(js), 0o644)
	if out, err := exec.Command(node, "--check", f).CombinedOutput(); err != nil {
		t.Errorf("node --check: %v\n%s", err, out)
	}
}
