//go:build !wasm

package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/cachepit/cachepit/site"
)

func init() {
	register("pages", "write the playground as a static site (make pages BASE=/repo/)", pages)
}

func pages(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pages", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "/", "URL path the site is served under, such as /cachepit/")
	out := fs.String("out", "dist", "folder to write the site to (replaced)")
	dir := fs.String("dir", ".", "folder that holds web/ (app.wasm, app.css, icons)")
	siteURL := fs.String("url", "", "public address of the site, for og:url (default: the base path)")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if err := site.Generate(*out, site.Options{Dir: *dir, Base: *base}, *siteURL); err != nil {
		fmt.Fprintln(stderr, "cachepit pages:", err)
		return 1
	}
	fmt.Fprintf(stdout, "cachepit: static site for %s in %s/\n", *base, *out)
	return 0
}
