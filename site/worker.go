package site

import (
	"encoding/json"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// worker is go-app's service worker with two changes, so that every page
// works offline once the site has been opened:
//   - the lessons' and the handout's pages are cached after go-app's files,
//     each from whichever address the host answers: a plain static file
//     server has /learn only as learn.html, and one 404 in go-app's
//     cache.addAll would fail the whole install, the playground's included;
//   - a navigation matches its cached page whatever its query, so a link
//     with settings still opens offline.
func worker(pages []string) string {
	js := app.DefaultAppWorkerJS
	for _, r := range [][2]string{
		{"return cache.addAll(resourcesToCache);", "return cache.addAll(resourcesToCache).then(() => cachePages(cache));"},
		{"caches.match(event.request)", `caches.match(event.request, {ignoreSearch: event.request.mode === "navigate"})`},
	} {
		if !strings.Contains(js, r[0]) {
			panic("site: go-app's service worker no longer contains " + r[0])
		}
		js = strings.Replace(js, r[0], r[1], 1)
	}
	list, _ := json.Marshal(pages)
	return js + strings.Replace(cachePagesJS, "PAGES", string(list), 1)
}

const cachePagesJS = `
const pagesToCache = PAGES;

// cachePages stores each page under its own path. A page that no address
// answers is left out rather than failing the install.
function cachePages(cache) {
  return Promise.all(
    pagesToCache.map((page) =>
      fetchPage(page)
        .then((res) => cache.put(page, res))
        .catch((err) => console.warn("app worker: page not cached:", err.message))
    )
  );
}

function fetchPage(page) {
  return fetch(page).then((res) => {
    if (res.ok && !res.redirected) {
      return res;
    }
    return fetch(page + ".html").then((res) => {
      if (!res.ok || res.redirected) {
        throw new Error(page + ": HTTP " + res.status);
      }
      return res;
    });
  });
}
`
