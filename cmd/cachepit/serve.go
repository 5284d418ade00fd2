//go:build !wasm

package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"github.com/cachepit/cachepit/site"
)

func init() {
	register("serve", "serve the browser playground (make run builds web/app.wasm first)", serve)
}

func serve(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8000", "address to listen on")
	dir := fs.String("dir", ".", "folder that holds web/ (app.wasm, app.css, icons)")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if _, err := os.Stat(filepath.Join(*dir, "web", "app.wasm")); err != nil {
		fmt.Fprintf(stderr, "cachepit serve: %s missing: run 'make wasm' (or 'make run')\n", filepath.Join(*dir, "web", "app.wasm"))
		return 1
	}
	wasmExec, err := site.WasmExec()
	if err != nil {
		fmt.Fprintln(stderr, "cachepit serve:", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "cachepit serve:", err)
		return 1
	}
	fmt.Fprintf(stdout, "cachepit: playground on http://%s/\n", ln.Addr())
	h := site.Serve(site.Handler(site.Options{Dir: *dir}), wasmExec)
	if err := http.Serve(ln, h); err != nil {
		fmt.Fprintln(stderr, "cachepit serve:", err)
		return 1
	}
	return 0
}
