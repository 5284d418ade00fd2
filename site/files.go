package site

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cachepit/cachepit/web"
)

// Assets are the client's files in web/, the only ones the site publishes
// and serves under /web/. A new asset must be added here.
var Assets = []string{"app.wasm", "app.css", "lesson.css", "icon.svg", "icon-192.png", "icon-512.png"}

// generated are the files go-app writes beside the pages; wasm_exec.js is
// the Go toolchain's own.
var generated = []string{"/app.js", "/app-worker.js", "/manifest.webmanifest", "/app.css", "/wasm_exec.js"}

// Pages are the site's routes, each published as a page.
func Pages() []string { return []string{"/", web.LearnPath, web.HandoutPath} }

// kind says what a request path names: a page, a generated file, an asset,
// or nothing the site publishes. The path is compared as decoded, whole:
// "..", "%2e%2e", "%2f" or a directory name never match a name on a list.
func kind(path string) string {
	switch {
	case slices.Contains(Pages(), path):
		return "page"
	case slices.Contains(generated, path):
		return "generated"
	}
	if name, ok := strings.CutPrefix(path, "/web/"); ok && slices.Contains(Assets, name) {
		return "asset"
	}
	return ""
}

// assets serves the allow-listed files of dir/web under /web/, and answers
// 404 to everything else: no listings, no sources, nothing outside web/.
type assets struct{ dir string }

func (a assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if kind(r.URL.Path) != "asset" {
		http.NotFound(w, r)
		return
	}
	http.ServeFile(w, r, filepath.Join(a.dir, "web", filepath.Base(r.URL.Path)))
}

// assetFS is dir/web with only the allow-listed files, for os.CopyFS.
type assetFS struct{ fs.FS }

func newAssetFS(dir string) assetFS { return assetFS{os.DirFS(filepath.Join(dir, "web"))} }

func (a assetFS) Open(name string) (fs.File, error) {
	if name != "." && !slices.Contains(Assets, name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return a.FS.Open(name)
}

func (a assetFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	var ents []fs.DirEntry
	for _, n := range slices.Sorted(slices.Values(Assets)) {
		info, err := fs.Stat(a.FS, n)
		if err != nil {
			return nil, err
		}
		ents = append(ents, fs.FileInfoToDirEntry(info))
	}
	return ents, nil
}
