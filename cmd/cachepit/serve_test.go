//go:build !wasm

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/site"
)

func TestServeAndPagesBadUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in the one line on stderr
	}{
		{[]string{"serve", "--bogus"}, 2, "-bogus"},
		{[]string{"serve", "--addr"}, 2, "-addr"},
		{[]string{"serve", "extra"}, 2, `"extra"`},
		{[]string{"pages", "--base"}, 2, "-base"},
		{[]string{"serve", "--dir", "/nonexistent"}, 1, "make wasm"},
		{[]string{"pages", "--dir", "/nonexistent", "--out", "x"}, 1, "make wasm"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := dispatch(tt.args, &out, &errb)
		msg := strings.TrimSpace(errb.String())
		if code != tt.code || !strings.Contains(msg, tt.want) || strings.Count(msg, "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q; want %d and one line containing %q", tt.args, code, msg, tt.code, tt.want)
		}
	}
}

func TestPagesWritesSite(t *testing.T) {
	dir := t.TempDir()
	web := filepath.Join(dir, "web")
	os.MkdirAll(web, 0o755)
	for _, name := range site.Assets {
		os.WriteFile(filepath.Join(web, name), []byte("asset "+name), 0o644)
	}
	os.WriteFile(filepath.Join(web, "doc.go"), []byte("package web"), 0o644)
	out := filepath.Join(dir, "dist")
	var stdout, stderr bytes.Buffer
	if code := dispatch([]string{"pages", "--base", "/cachepit/", "--dir", dir, "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("pages: exit %d: %s", code, stderr.String())
	}
	for _, f := range []string{"index.html", "learn.html", "handout.html", "wasm_exec.js", "app.js", "app-worker.js", "web/app.wasm", "web/app.css"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("dist lacks %s: %v", f, err)
		}
	}
	ents, _ := os.ReadDir(filepath.Join(out, "web"))
	if len(ents) != len(site.Assets) {
		t.Errorf("dist/web holds %d files; want the %d assets", len(ents), len(site.Assets))
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(index), `/cachepit/web/app.css`) {
		t.Errorf("index.html does not load its styles from /cachepit/web/")
	}
}
