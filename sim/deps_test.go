//go:build !js

package sim

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The engine stays free of UI, I/O and wall time: everything else builds on
// it. (fmt brings in os, and golang-lru brings in time, but sim itself uses neither.)
func TestEngineImports(t *testing.T) {
	list := func(format string) []string {
		out, err := exec.Command("go", "list", "-deps=false", "-f", format, ".").Output()
		if err != nil {
			t.Fatalf("go list: %v", err)
		}
		return strings.Fields(string(out))
	}
	direct := list("{{join .Imports \" \"}}")
	for _, f := range []string{"os", "time", "net/http", "syscall/js"} {
		if slices.Contains(direct, f) {
			t.Errorf("sim imports %s", f)
		}
	}
	for _, d := range list("{{join .Deps \" \"}}") {
		if d == "net/http" || d == "syscall/js" || strings.Contains(d, "go-app") {
			t.Errorf("sim depends on %s", d)
		}
		if strings.Contains(strings.Split(d, "/")[0], ".") && !strings.HasPrefix(d, "github.com/hashicorp/golang-lru/v2") {
			t.Errorf("sim depends on %s: only the standard library and golang-lru are allowed", d)
		}
	}
}
