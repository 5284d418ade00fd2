//go:build !js

package view

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The view model stays free of the browser: go-app and syscall/js belong to
// the components in package web. Natively nothing below view reaches
// either; in the wasm build the standard library itself uses syscall/js,
// so there neither view nor any package of this module below it may
// import it, and go-app stays out.
func TestNoBrowserImports(t *testing.T) {
	for _, env := range [][]string{nil, {"GOOS=js", "GOARCH=wasm"}} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}} {{join .Imports \",\"}}", ".")
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list %v: %v", env, err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			path, std := f[0], f[1] == "true"
			var imports []string
			if len(f) > 2 {
				imports = strings.Split(f[2], ",")
			}
			if strings.Contains(path, "go-app") || (env == nil && path == "syscall/js") {
				t.Errorf("view depends on %s (%v)", path, env)
			}
			if !std && slices.Contains(imports, "syscall/js") {
				t.Errorf("%s imports syscall/js (%v)", path, env)
			}
		}
	}
}
