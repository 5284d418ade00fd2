package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Generate writes the playground as a static website into out, for any
// static file server that serves it under o.Base. siteURL is the public
// address for og:url; when empty, og:url holds the base path.
func Generate(out string, o Options, siteURL string) error {
	wasmExec, err := WasmExec()
	if err != nil {
		return err
	}
	src := filepath.Join(o.Dir, "web")
	if _, err := os.Stat(filepath.Join(src, "app.wasm")); err != nil {
		return fmt.Errorf("%s: build the client first (make wasm): %w", filepath.Join(src, "app.wasm"), err)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	h := Handler(o)
	if err := app.GenerateStaticWebsite(out, h); err != nil {
		return err
	}
	// go-app leaves web/ empty and writes its own copy of wasm_exec.js.
	if err := os.CopyFS(filepath.Join(out, "web"), newAssetFS(o.Dir)); err != nil {
		return fmt.Errorf("copying the client's files from %s: %w", src, err)
	}
	js, err := os.ReadFile(wasmExec)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "wasm_exec.js"), js, 0o644); err != nil {
		return err
	}
	if siteURL == "" {
		siteURL = "/" + strings.Trim(o.Base, "/") + "/"
		siteURL = strings.ReplaceAll(siteURL, "//", "/")
	}
	wasm := h.Resources.AppWASM()
	appJS := filepath.Join(out, "app.js")
	js, err = os.ReadFile(appJS)
	if err != nil {
		return err
	}
	if js, err = Loader(js, wasm); err != nil {
		return err
	}
	if err := os.WriteFile(appJS, js, 0o644); err != nil {
		return err
	}
	// Every page, the lessons' and the handout's too, gets its head fixed
	// and starts loading app.wasm.
	pages, err := filepath.Glob(filepath.Join(out, "*.html"))
	if err != nil {
		return err
	}
	for _, page := range pages {
		html, err := os.ReadFile(page)
		if err != nil {
			return err
		}
		u := siteURL
		if name := strings.TrimSuffix(filepath.Base(page), ".html"); name != "index" {
			u = strings.TrimSuffix(siteURL, "/") + "/" + name
		}
		if err := os.WriteFile(page, StartLoad(FixHead(html, u), wasm), 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(out, ".nojekyll"), nil, 0o644)
}
