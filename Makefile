# cachepit: the front door. `make run` serves the playground, `make test` runs every test.
GO      ?= go
ADDR    ?= 127.0.0.1:8000
BASE    ?= /cachepit/
WASMENV := GOOS=js GOARCH=wasm
NODEPATH := PATH="$$PATH:$$($(GO) env GOROOT)/lib/wasm"
# wasm-opt (package binaryen) shrinks app.wasm by about 7% in half a minute,
# so the tests, the playground and the published site all use the same file.
WASMOPT ?= wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals
define optimize-wasm
	@if [ -n "$(WASMOPT)" ] && command -v wasm-opt >/dev/null 2>&1; then echo "$(WASMOPT) web/app.wasm"; $(WASMOPT) web/app.wasm -o web/app.wasm; \
	else echo "web/app.wasm not optimized (apt-get install binaryen, and leave WASMOPT set)"; fi
endef

.PHONY: run build wasm test fmt-check vet test-go test-wasm bench bench-web pages gunicorn-demo clean

## run: build the wasm client and serve the playground on $(ADDR)
run: wasm
	$(GO) run ./cmd/cachepit serve --addr $(ADDR)

## build: the native binary in bin/cachepit
build:
	$(GO) build -o bin/cachepit ./cmd/cachepit

## wasm: the browser client in web/app.wasm (server code is left out by build constraints),
## shrunk by wasm-opt when binaryen is installed (WASMOPT= skips that)
wasm:
	$(WASMENV) $(GO) build -trimpath -ldflags='-s -w' -o web/app.wasm ./cmd/cachepit
	$(optimize-wasm)

## test: formatting, vet (native and wasm), all tests with -race, the engine again as wasm under node
test: fmt-check vet test-go test-wasm

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go') 2>/dev/null); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	$(WASMENV) $(GO) vet ./sim/... ./web/... ./cmd/...

# sim starts no goroutines (a Sim is not safe for concurrent use and nothing in
# it runs concurrently), so it runs without -race: its long runs (10 million
# requests, queueing theory over millions) took over 10 minutes under the race
# detector and could find nothing. Every other package runs with -race, and
# one timing test of real/load, which the race detector's slowdown defeats,
# runs again without it.
test-go: wasm node_modules/axe-core/axe.min.js
	$(GO) test -count=1 -timeout 20m ./sim/
	$(GO) test -race -count=1 -timeout 20m $$($(GO) list ./... | grep -v '/sim$$')
	$(GO) test -count=1 -timeout 20m -run TestNginxLeastConnShares ./real/load/ # timing: skipped under -race

# axe-core, pinned in package-lock.json, runs inside Chromium in the browser
# tests; without npm they skip the accessibility check (CI=true fails it).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund && touch $@ || echo "npm ci failed: the accessibility test will skip"

test-wasm:
	$(NODEPATH) $(WASMENV) $(GO) test -count=1 ./sim/...

## bench: engine benchmarks natively and as wasm, and the engine/bare-LRU cost ratios
## (one closed-loop client, and Poisson arrivals on 16 workers)
bench:
	@# five passes, each running every benchmark once, so that a change of load
	@# on the machine reaches the engine and the bare loop alike (with -count=5
	@# each benchmark ran its five times in its own stretch of time)
	for i in 1 2 3 4 5; do $(GO) test -run='^$$' -bench=. -benchmem -count=1 ./sim/ || exit 1; done | tee bench.out
	@awk 'function low(a, v) { return (a == "" || v < a) ? v : a } \
	  /^BenchmarkEngine\/accept-8w-zipf0.9-local-/ {e = low(e, $$3)} /^BenchmarkEngine\/poisson-16w-zipf0.9-local-/ {p = low(p, $$3)} \
	  /^BenchmarkBareLRU-/ {b = low(b, $$3)} \
	  END {if (e && p && b) {printf "sim/bare-lru cost ratio, one closed-loop client: %.2f (best of 5: engine %.1f ns, bare golang-lru %.1f ns per request)\n", e/b, e, b; \
	  printf "sim/bare-lru cost ratio, poisson, 16 workers: %.2f (best of 5: engine %.1f ns, bare golang-lru %.1f ns per request)\n", p/b, p, b} \
	  else {print "bench: missing benchmark lines"; exit 1}}' bench.out
	$(NODEPATH) $(WASMENV) $(GO) test -run='^$$' -bench='Engine/(accept-8w|poisson-16w)-zipf0.9-local' -benchmem -count=3 ./sim/

## bench-web: browser benchmark: app.wasm bytes raw/gzip, first render, updates and requests per second at full speed (16 workers)
bench-web: wasm
	$(GO) test -run='^$$' -bench=Web -benchtime=1x -count=1 ./web/e2e/

## pages: a static site for GitHub Pages in dist/, served under $(BASE) (SITE_URL sets og:url)
pages: wasm
	$(GO) run ./cmd/cachepit pages --base $(BASE) --out dist $(if $(SITE_URL),--url $(SITE_URL))

## gunicorn-demo: the post's app (real/gunicorn) under Debian's gunicorn on $(GUNICORN_ADDR), settings from
## the engine's query GUNICORN_CONFIG (apt-get install gunicorn python3-flask); then cachepit load --target
GUNICORN_ADDR   ?= 127.0.0.1:8002
GUNICORN_CONFIG ?= workers=2&cache=2
gunicorn-demo:
	@cd real/gunicorn && flags=$$(/usr/bin/python3 settings.py '$(GUNICORN_CONFIG)') && \
	echo "cd real/gunicorn && CACHEPIT_CONFIG='$(GUNICORN_CONFIG)' /usr/bin/gunicorn -c gunicorn.conf.py $$flags --bind $(GUNICORN_ADDR) app:app" && \
	CACHEPIT_CONFIG='$(GUNICORN_CONFIG)' exec /usr/bin/gunicorn -c gunicorn.conf.py $$flags --bind $(GUNICORN_ADDR) app:app

clean:
	rm -rf bin dist web/app.wasm bench.out
