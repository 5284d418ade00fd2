//go:build !wasm

package main

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/stack"
)

func TestSimCodePrintsTheStack(t *testing.T) {
	c := sim.Default()
	c.Workers, c.MaxRequests, c.Preload, c.Mode = 3, 500, true, "tiered"
	want, err := stack.Generate(c, "django")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("sim", "--code", "django", "--workers", "3", "--max-requests", "500", "--preload", "--mode", "tiered")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if out != want.Text() {
		t.Errorf("cachepit sim --code django printed\n%s\nwant\n%s", out, want.Text())
	}
	if !strings.Contains(out, "gunicorn -w 3 --max-requests 500 --preload mysite.wsgi") {
		t.Errorf("no gunicorn command line for the flags in\n%s", out)
	}
}

func TestSimCodeUnknownStack(t *testing.T) {
	code, out, errOut := runCLI("sim", "--code", "cobol")
	if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, strings.Join(stack.Stacks(), ", ")) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and one line listing the stacks", code, out, errOut)
	}
}
