package site

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// The page loads app.wasm sooner than go-app's own loader does:
//   - a script at the top of the head starts downloading and compiling
//     app.wasm while the page is parsed, instead of when the deferred app.js
//     runs after the style sheets (200 to 450 ms after navigation);
//   - the download goes straight to the compiler: go-app's fetchWithProgress
//     piped every chunk through JavaScript to update a percentage on screen;
//   - the service worker registers once the first run is drawn: its install
//     downloads every file of the site, app.wasm again included, and did so
//     at the same time as the page's own download and start.

// startJS is the head script: cachepitWasm() is the promise of the compiled
// module. It skips the download where go-app's loader does (robots, and
// ?wasm=false). It also hides a playground the server drew for another
// address than the one shown (data-for holds "?" and the query it was drawn
// for): a static site's page, drawn for no settings, and any page the
// service worker answers from its cache. Hidden, it is still laid out, so
// its fonts are found before the client draws the run. The check runs as
// the parser inserts the page's main part, before it can be painted.
const startJS = startCSS + `<script>
(() => {
  const obs = new MutationObserver(() => {
    const m = document.querySelector("main[data-for]");
    if (!m) return;
    obs.disconnect();
    if (m.dataset.for !== (location.search || "?")) {
      document.documentElement.classList.add("prerender-stale");
      return;
    }
    // cachepit:shown, when the browser has painted the server's drawing of
    // the address shown (a task posted from the next animation frame runs
    // after its paint)
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => performance.mark("cachepit:shown");
      ch.port2.postMessage(0);
    });
  });
  obs.observe(document, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", () => obs.disconnect());
})();
var cachepitWasm = (() => {
  const url = URL;
  let module = null;
  const start = () => fetch(url).then((res) => {
    performance.mark("cachepit:response");
    if (!res.ok) throw new Error(url + ": HTTP " + res.status);
    if (WebAssembly.compileStreaming) return WebAssembly.compileStreaming(res);
    return res.arrayBuffer().then((b) => WebAssembly.compile(b));
  });
  if (!/bot|googlebot|crawler|spider|robot|crawling/i.test(navigator.userAgent) &&
      new URLSearchParams(location.search).get("wasm") !== "false") {
    module = start();
    module.catch(() => {}); // reported by app.js when it waits for it
  }
  return () => module || start();
})();
</script>
`

// startCSS shows the server's drawing of the page's own address, which
// says that the simulator is starting, in place of go-app's loader: a
// cover over the whole page, opaque, until app.wasm runs. The loader shows
// as before over a drawing made for another address, and when app.wasm
// fails (app.js stops its icon spinning to show the error).
const startCSS = `<style>
html:not(.prerender-stale) body:has(main.prerendered) > #app-wasm-loader:has(.goapp-spin) { display: none; }
</style>
`

// StartLoad puts the script that starts loading app.wasm (at wasmURL) at the
// top of a page's head, before the style sheets that would hold it back.
func StartLoad(page []byte, wasmURL string) []byte {
	// a JavaScript string that cannot end the script element
	url := strings.ReplaceAll(strconv.Quote(wasmURL), "<", `\u003c`)
	return insertHead(page, []byte(strings.Replace(startJS, "URL", url, 1)))
}

// insertHead puts script at the top of page's head, after its charset.
func insertHead(page, script []byte) []byte {
	for _, at := range []string{`<meta charset="UTF-8">` + "\n", "<head>\n"} {
		if i := bytes.Index(page, []byte(at)); i >= 0 {
			i += len(at)
			return append(page[:i:i], append(script, page[i:]...)...)
		}
	}
	return page
}

// loaderEdits are the changes to go-app's app.js, each an exact text of
// go-app v9.8.0's; WASM stands for app.wasm's address.
var loaderEdits = [][2]string{
	{"goappInitServiceWorker();\n", "cachepitAfterFirstRender(goappInitServiceWorker);\n"},
	{`    const wasm = await instantiateStreaming(
      fetchWithProgress(WASM, showProgress),
      go.importObject
    );

    go.run(wasm.instance);`,
		`    const module = await cachepitWasm();
    performance.mark("cachepit:compiled");
    const instance = await WebAssembly.instantiate(module, go.importObject);
    performance.mark("cachepit:run");
    go.run(instance);`},
}

// afterFirstRenderJS runs f once the client has drawn the page (data-ready)
// and the browser has a moment, or after 10 s whatever happens.
const afterFirstRenderJS = `
// -----------------------------------------------------------------------------
// cachepit: the service worker waits for the first render
// -----------------------------------------------------------------------------
function cachepitAfterFirstRender(f) {
  const root = document.documentElement;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    obs.disconnect();
    clearTimeout(timer);
    if (window.requestIdleCallback) requestIdleCallback(() => f(), { timeout: 2000 });
    else setTimeout(f, 0);
  };
  const obs = new MutationObserver(() => root.hasAttribute("data-ready") && run());
  const timer = setTimeout(run, 10000);
  obs.observe(root, { attributes: true, attributeFilter: ["data-ready"] });
  if (root.hasAttribute("data-ready")) run();
}
`

// Loader rewrites go-app's app.js: it takes app.wasm from the head script
// (StartLoad) and registers the service worker after the first render.
func Loader(appJS []byte, wasmURL string) ([]byte, error) {
	js := string(appJS)
	for _, e := range loaderEdits {
		from := strings.Replace(e[0], "WASM", strconv.Quote(wasmURL), 1)
		if !strings.Contains(js, from) {
			return nil, fmt.Errorf("site: go-app's app.js no longer contains %q", firstLine(from))
		}
		js = strings.Replace(js, from, e[1], 1)
	}
	return []byte(js + afterFirstRenderJS), nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
