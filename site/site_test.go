package site

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
// falseAttr is a boolean attribute written as false, which HTML reads as set
// (aria-* attributes take "false" as a value and are not matched).
var falseAttr = regexp.MustCompile(` (selected|checked|hidden|disabled|readonly|open|multiple|required)="false"`)

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

	// the page holds the run it names, drawn by the server
	for _, want := range []string{`class="prerendered"`, `data-for="?workers=3"`, `id="s0-w2"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the pre-rendered page lacks %s", want)
		}
	}
	if !holds(page, "s0-seq", "0") {
		t.Error("the pre-rendered page does not stand at request 0")
	}
	if strings.Contains(page, `id="s0-w3"`) || strings.Contains(page, `class="loading"`) {
		t.Error("the pre-rendered page is not the run of its query (workers=3)")
	}
	// go-app writes a false boolean attribute as name="false", which HTML
	// reads as set: an option marked selected="false" showed in the server's
	// drawing instead of the one chosen
	for _, q := range []string{"/?workers=3", "/?arrivals=poisson&rate=100", "/?mode=shared&compare=true&preload=false"} {
		p, _ := get(q)
		if m := falseAttr.FindStringIndex(p); m != nil {
			t.Errorf("the page drawn for %s holds a false boolean attribute: %s", q, p[max(0, m[0]-100):m[1]])
		}
	}
	if long, _ := get("/?at=5000000"); !strings.Contains(long, `class="loading"`) || strings.Contains(long, `id="sys-0"`) {
		t.Error("a run too long to replay per request was pre-rendered")
	}

	// a lesson link: the lesson it names at its request, drawn by the server
	lesson, _ := get("/learn?lesson=stale-data&at=3000")
	for _, want := range []string{`class="prerendered"`, `data-for="?lesson=stale-data&at=3000"`, `data-lesson="stale-data"`,
		`id="s0-w3"`, `request 3,000 of 5,000`, "Stale data: a write reaches one worker"} {
		if !strings.Contains(lesson, want) {
			t.Errorf("the pre-rendered lesson lacks %s", want)
		}
	}
	if !holds(lesson, "s0-seq", "3,000") || !holds(lesson, "s1-seq", "3,000") {
		t.Error("the pre-rendered lesson's two systems do not stand at request 3,000")
	}
	for _, tt := range []struct{ path, why string }{
		{"/learn?lesson=stale-data&at=200000", "a lesson too long to replay per request"},
		{`/learn?lesson=stale-data&x="><b>`, "a lesson link go-app cannot write into data-for"},
	} {
		if got, _ := get(tt.path); strings.Contains(got, `class="prerendered"`) || strings.Contains(got, `id="sys-0"`) || !strings.Contains(got, `class="loading"`) {
			t.Errorf("%s was pre-rendered (%s)", tt.why, tt.path)
		}
	}
	if index, _ := get("/learn"); !strings.Contains(index, `data-for="?"`) || !strings.Contains(index, `id="lesson-index"`) {
		t.Error("/learn is not the list of lessons drawn for its own address")
	}

	if !strings.Contains(page, "var cachepitWasm") {
		t.Error("the page does not start loading app.wasm in its head")
	}
	if app, _ := get("/app.js"); !strings.Contains(app, "await cachepitWasm()") {
		t.Error("/app.js is go-app's own, not the rewritten loader")
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

// holds tells whether page has the element of id with text as its text;
// go-app writes attributes in any order.
func holds(page, id, text string) bool {
	return regexp.MustCompile(`<[a-z]+ [^>]*\bid="` + regexp.QuoteMeta(id) + `"[^>]*>` + regexp.QuoteMeta(text) + `<`).MatchString(page)
}

// The server answers the site's own files and 404 to everything else,
// whatever the path's encoding: listings, Go sources, files above web/.
func TestServeOnlySite(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		".git/config": "[core]", ".git/HEAD": "ref: main", "go.mod": "module x",
		"cmd/cachepit/main.go": "package main", "web/doc.go": "package web", "web/e2e/x_test.go": "package e2e",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	for _, name := range Assets {
		os.WriteFile(filepath.Join(dir, "web", name), []byte("asset "+name), 0o644)
	}
	wasmExec, err := WasmExec()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Serve(Handler(Options{Dir: dir}), wasmExec))
	defer srv.Close()

	for _, path := range []string{
		"/web/", "/web", "/web/e2e/", "/web/doc.go", "/web/e2e/x_test.go", "/web/./app.css", "/web/app.css/",
		"/web/..%2f.git/config", "/web/../cmd/cachepit/main.go", "/web/%2e%2e/.git/HEAD", "/web/%2E%2E%2F.git/HEAD",
		"/web/..%5c.git/config", "/web/.%2e/go.mod", "/web/%2e%2e%2fgo.mod", "/web/..%252f.git/config",
		"/../.git/config", "/.git/config", "/.git/", "/go.mod", "/cmd/cachepit/main.go", "//go.mod",
		"/%2e%2e/go.mod", "/web/app.wasm%00", "/x/../go.mod", "/robots.txt", "/app.wasm",
		"/index.html", "/learn/", "/learn/../go.mod", "/handout.html", "/manifest.json", "/goapp.js",
	} {
		if code, body := rawGet(t, srv.URL, path); code != http.StatusNotFound {
			t.Errorf("GET %s: %d (%.40q); want 404", path, code, body)
		}
	}

	// Every file the pages and the service worker load answers.
	worker, want := "", []string{"/", "/?workers=3", "/learn?lesson=stale-data", "/handout", "/app.js", "/app-worker.js",
		"/manifest.webmanifest", "/app.css", "/wasm_exec.js"}
	for _, name := range Assets {
		want = append(want, "/web/"+name)
	}
	for _, path := range want {
		code, body := rawGet(t, srv.URL, path)
		if code != http.StatusOK {
			t.Errorf("GET %s: %d; want 200", path, code)
		}
		if strings.HasPrefix(path, "/web/") && body != "asset "+path[len("/web/"):] {
			t.Errorf("GET %s = %.40q; want the file", path, body)
		}
		if path == "/app-worker.js" {
			worker = body
		}
	}
	var cached []string
	for _, name := range []string{"resourcesToCache", "pagesToCache"} {
		list := regexp.MustCompile(name + ` = (\[.*\])`).FindStringSubmatch(worker)
		if list == nil {
			t.Fatalf("app-worker.js has no %s", name)
		}
		var paths []string
		if err := json.Unmarshal([]byte(list[1]), &paths); err != nil {
			t.Fatal(err)
		}
		cached = append(cached, paths...)
	}
	if !slices.Contains(cached, "/learn") || !slices.Contains(cached, "/handout") {
		t.Errorf("the service worker caches %q; want the lessons and the handout too", cached)
	}
	for _, path := range cached {
		if code, _ := rawGet(t, srv.URL, path); code != http.StatusOK {
			t.Errorf("the service worker caches %s, which answers %d", path, code)
		}
	}
}

// rawGet sends the path exactly as written, as curl --path-as-is does.
func rawGet(t *testing.T, base, path string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, strings.TrimPrefix(base, "http://"))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// Every client file in the source tree is on the allow-list, so that a new
// asset cannot go missing from the site unnoticed.
func TestAssetsListed(t *testing.T) {
	ents, err := os.ReadDir("../web")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".go") && !slices.Contains(Assets, e.Name()) {
			t.Errorf("web/%s is not in site.Assets: the site would not publish it", e.Name())
		}
	}
}
