package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFixHead(t *testing.T) {
	tests := []struct{ in, url, want string }{
		{`<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover">`, "",
			`<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">`},
		{`<meta content="http://127.0.0.1:40123/" property="og:url">`, "https://example.org/cachepit/",
			`<meta property="og:url" content="https://example.org/cachepit/">`},
		{`<meta property="og:url" content="http://127.0.0.1/">`, `/a?"b"&c`,
			`<meta property="og:url" content="/a?&#34;b&#34;&amp;c">`},
	}
	for _, tt := range tests {
		if got := string(FixHead([]byte(tt.in), tt.url)); got != tt.want {
			t.Errorf("FixHead(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// The server answers the page with a fixed head, wasm_exec.js from the Go
// toolchain and the client's files from web/.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "web"), 0o755)
	os.WriteFile(filepath.Join(dir, "web", "app.css"), []byte("body{}"), 0o644)
	os.WriteFile(filepath.Join(dir, "web", "app.wasm"), []byte("\x00asm"), 0o644)
	wasmExec, err := WasmExec()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Serve(Handler(Options{Dir: dir}), wasmExec))
	defer srv.Close()
	get := func(path string) (string, *http.Response) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b), res
	}

	page, res := get("/?workers=3")
	if res.StatusCode != 200 {
		t.Fatalf("GET /: %s", res.Status)
	}
	for _, bad := range []string{"user-scalable=0", "maximum-scale", "raw.githubusercontent.com", "https://"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if want := `<meta property="og:url" content="` + srv.URL + `/?workers=3">`; !strings.Contains(page, want) {
		t.Errorf("page lacks %s", want)
	}

	js, res := get("/wasm_exec.js")
	own, _ := os.ReadFile(wasmExec)
	if res.StatusCode != 200 || js != string(own) {
		t.Errorf("/wasm_exec.js: %s, %d bytes; want the toolchain's %d bytes", res.Status, len(js), len(own))
	}
	if css, _ := get("/web/app.css"); css != "body{}" {
		t.Errorf("/web/app.css = %q", css)
	}
}
