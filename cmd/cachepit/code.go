//go:build !wasm

package main

import (
	"fmt"
	"io"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/stack"
)

// simCode prints, for cachepit sim --code STACK, what to write in that stack.
func simCode(c sim.Config, name string, stdout, stderr io.Writer) int {
	code, err := stack.Generate(c, name)
	if err != nil {
		fmt.Fprintf(stderr, "cachepit sim: %v\n", err)
		return 2
	}
	fmt.Fprint(stdout, code.Text())
	return 0
}
