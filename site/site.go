// Package site serves the playground and writes it out as a static website.
// It is server-only: the wasm client never imports it.
package site

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/cachepit/cachepit/web"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Options say where the client files are and under which path the site lives.
type Options struct {
	Dir  string // the folder holding web/ (app.wasm, app.css, icons); "" is the working directory
	Base string // URL path prefix, such as "/cachepit/"; "" or "/" for the root
}

// Handler is the go-app handler for the playground.
func Handler(o Options) *app.Handler {
	web.Register()
	h := &app.Handler{
		Name:            "cachepit",
		ShortName:       "cachepit",
		Title:           "cachepit: the per-worker cache pitfall",
		Description:     "A pre-fork web server whose workers each keep their own LRU cache, simulated in your browser next to a shared cache.",
		Author:          "cachepit",
		Keywords:        []string{"gunicorn", "lru_cache", "memcached", "cache", "simulation"},
		Icon:            app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", AppleTouch: "/web/icon-192.png", SVG: "/web/icon.svg"},
		BackgroundColor: "#f7f7f4",
		ThemeColor:      "#1f2a44",
		LoadingLabel:    "Loading the simulator…", // no {progress}: app.wasm goes straight to the compiler (loader.go)
		Styles:          []string{"/web/app.css", "/web/lesson.css"},
		Version:         version(o.Dir),
		Lang:            "en",
	}
	res := resources(o)
	h.Resources = res
	// go-app caches the root without its trailing slash ("/repo"), which a
	// file server answers with a redirect; cache the page itself too.
	h.CacheableResources = []string{res.prefix + "/"}
	var pages []string
	for _, p := range Pages()[1:] {
		pages = append(pages, res.prefix+p)
	}
	h.ServiceWorkerTemplate = worker(pages)
	return h
}

// provider serves the assets from Dir/web; go-app's LocalDir would take an
// absolute folder as relative to the working directory, and serve any file.
type provider struct {
	assets
	prefix string
}

func resources(o Options) provider {
	dir := o.Dir
	if dir == "" {
		dir = "."
	}
	p := provider{assets: assets{dir: dir}}
	if b := strings.Trim(o.Base, "/"); b != "" {
		p.prefix = "/" + b
	}
	return p
}

func (p provider) Package() string { return p.prefix }
func (p provider) Static() string  { return p.prefix }
func (p provider) AppWASM() string { return p.prefix + "/web/app.wasm" }

// version changes when the client does, so browsers pick up a new build.
func version(dir string) string {
	sum := sha1.New()
	for _, name := range []string{"app.wasm", "app.css", "lesson.css"} {
		if b, err := os.ReadFile(filepath.Join(dir, "web", name)); err == nil {
			sum.Write(b)
		}
	}
	return fmt.Sprintf("%x", sum.Sum(nil))[:16]
}

// WasmExec finds the wasm_exec.js of the Go toolchain that builds app.wasm:
// $GOROOT/lib/wasm (Go 1.24 and later) or $GOROOT/misc/wasm.
func WasmExec() (string, error) {
	var roots []string
	if r := os.Getenv("GOROOT"); r != "" {
		roots = append(roots, r)
	}
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		roots = append(roots, strings.TrimSpace(string(out)))
	}
	roots = append(roots, runtime.GOROOT())
	for _, r := range roots {
		for _, sub := range []string{"lib/wasm", "misc/wasm"} {
			p := filepath.Join(r, sub, "wasm_exec.js")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("wasm_exec.js not found under GOROOT (tried %s)", strings.Join(roots, ", "))
}

var (
	viewportRe = regexp.MustCompile(`<meta[^>]*name="viewport"[^>]*>`) // go-app writes attributes in any order
	ogURLRe    = regexp.MustCompile(`<meta[^>]*property="og:url"[^>]*>`)
)

// FixHead rewrites what go-app writes into every page's head: a viewport
// that allows pinch zoom, and og:url set to the page's public address.
func FixHead(page []byte, pageURL string) []byte {
	page = viewportRe.ReplaceAll(page, []byte(`<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">`))
	return ogURLRe.ReplaceAll(page, []byte(`<meta property="og:url" content="`+html.EscapeString(pageURL)+`">`))
}

// Serve wraps the go-app handler so that it answers exactly the files that
// Generate publishes and 404 to anything else; wasm_exec.js comes from the
// Go toolchain, app.js is rewritten by Loader, and pages get their head
// fixed and start loading app.wasm (StartLoad).
func Serve(h *app.Handler, wasmExec string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch kind(r.URL.Path) {
		case "":
			http.NotFound(w, r)
			return
		case "generated", "asset":
			if r.URL.Path == "/wasm_exec.js" {
				w.Header().Set("Content-Type", "application/javascript")
				w.Header().Set("Cache-Control", "no-cache")
				http.ServeFile(w, r, wasmExec)
				return
			}
			if r.URL.Path != "/app.js" {
				h.ServeHTTP(w, r) // files: streamed as they are
				return
			}
		}
		rec := &recorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		body := rec.body.Bytes()
		wasm := h.Resources.AppWASM()
		switch {
		case r.URL.Path == "/app.js" && rec.code <= http.StatusOK:
			js, err := Loader(body, wasm)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			body = js
			rec.header.Del("Content-Length")
		case strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") || isPage(body):
			body = StartLoad(FixHead(body, "http://"+r.Host+r.URL.RequestURI()), wasm)
			rec.header.Del("Content-Length")
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		if rec.code == 0 {
			rec.code = http.StatusOK
		}
		w.WriteHeader(rec.code)
		w.Write(body)
	})
}

func isPage(b []byte) bool { return bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) }

// recorder buffers a response so that a page's head can be rewritten.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(code int)        { r.code = code }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

var _ io.Writer = (*recorder)(nil)
