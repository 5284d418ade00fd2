// Package worker is one process of the pre-fork server: the post's Flask
// app in Go, answering from its own cache or a shared one.
package worker

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/cachepit/cachepit/real/cache"
	"github.com/cachepit/cachepit/real/control"
	"github.com/cachepit/cachepit/sim"
)

// BlogKey is the key "/" reads: the post's cached function took no
// arguments, so it has a single entry.
const BlogKey = 0

// Answer is what /item/{key} says about one request.
type Answer struct {
	Key     int    `json:"key"`
	Op      string `json:"op"`      // read or write
	Version uint32 `json:"version"` // the version served (read) or written (write)
	From    string `json:"from"`    // local, shared or origin
	Hit     bool   `json:"hit"`     // answered by a cache
	Stale   bool   `json:"stale"`   // older than the origin's version
	Worker  int    `json:"worker"`  // the slot that served it
	PID     int    `json:"pid"`     // the process that served it
}

// Handler serves the post's endpoints, /item/{key} and /stats.
type Handler struct {
	Cache    cache.Cache
	Control  *control.Client
	MaxLocal int // the local cache's maxsize, 0 when there is none

	// Log, when set, gets a line for the first shared-cache error and at
	// most one a second after it.
	Log *log.Logger

	// Host is the address this server listens on, sent in the
	// X-Cachepit-Host header so a balancer in front can be checked.
	Host string

	// Served is called at each workload request (/, /item) with the count
	// so far, this one included; it returns the requests left before the
	// worker recycles, or -1. Nil means never.
	Served func(n int64) int64

	served      atomic.Int64
	cacheErrors atomic.Int64 // shared-cache errors and timeouts in this process
	pending     atomic.Int64 // errors after the request's report, sent with the next one
	lastLog     atomic.Int64 // when an error was last logged, in Unix nanoseconds
	mux         *http.ServeMux
}

// NewHandler returns the worker's handler; served may be nil.
func NewHandler(c cache.Cache, ctl *control.Client, maxLocal int, served func(int64) int64) *Handler {
	h := &Handler{Cache: c, Control: ctl, MaxLocal: maxLocal, Served: served, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET /{$}", h.index)
	h.mux.HandleFunc("GET /get_cache_info", h.cacheInfo)
	h.mux.HandleFunc("GET /item/{key}", h.item)
	h.mux.HandleFunc("PUT /item/{key}", h.item)
	h.mux.HandleFunc("GET /stats", h.stats)
	h.mux.HandleFunc("POST /origin/read/{key}", h.origin("read"))
	h.mux.HandleFunc("POST /origin/write/{key}", h.origin("write"))
	h.mux.HandleFunc("GET /origin/version/{key}", h.origin("version"))
	h.mux.HandleFunc("GET /origin/prefix", func(w http.ResponseWriter, r *http.Request) {
		p, err := h.Control.Prefix()
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		fmt.Fprintln(w, p)
	})
	return h
}

// origin serves this server's database to other hosts that share it
// (cachepit real --origin): the version after op, as plain text. It is not a
// workload request: no cache is used and nothing is counted here.
func (h *Handler) origin(op string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key, err := strconv.Atoi(r.PathValue("key"))
		if err != nil || key < 0 || key >= sim.MaxKeys {
			http.Error(w, fmt.Sprintf("key must be a whole number from 0 to %d, got %q", sim.MaxKeys-1, r.PathValue("key")), http.StatusBadRequest)
			return
		}
		v, err := h.Control.Origin(op, key)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		fmt.Fprintln(w, v)
	}
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.Host != "" {
		w.Header().Set("X-Cachepit-Host", h.Host)
	}
	h.mux.ServeHTTP(w, r)
}

// index calls the cached function, as the post's "/" did.
func (h *Handler) index(w http.ResponseWriter, r *http.Request) {
	if _, err := h.read(BlogKey); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintln(w, `{"message": "Stored"}`)
}

// cacheInfo answers cache_info() as the post's jsonify did (keys sorted),
// plus the shared-cache errors this process has counted and which worker
// and process answered. When the shared cache cannot say, the post's
// fields give what it could (zeros when it is down) and the error is counted.
func (h *Handler) cacheInfo(w http.ResponseWriter, r *http.Request) {
	ci, err := h.Cache.Info()
	if err != nil {
		h.cacheErrors.Add(1)
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"Currsize": %d, "Hits": %d, "Maxsize": %d, "Misses": %d, "cache_errors": %d, "pid": %d, "worker": %d}`+"\n",
		ci.Currsize, ci.Hits, ci.Maxsize, ci.Misses, h.cacheErrors.Load(), os.Getpid(), h.Control.Slot)
}

func (h *Handler) item(w http.ResponseWriter, r *http.Request) {
	key, err := strconv.Atoi(r.PathValue("key"))
	if err != nil || key < 0 || key >= sim.MaxKeys {
		http.Error(w, fmt.Sprintf("key must be a whole number from 0 to %d, got %q", sim.MaxKeys-1, r.PathValue("key")), http.StatusBadRequest)
		return
	}
	var a Answer
	if r.Method == http.MethodPut {
		a, err = h.write(key)
	} else {
		a, err = h.read(key)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(a)
}

func (h *Handler) stats(w http.ResponseWriter, r *http.Request) {
	st, err := h.Control.Stats()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // the config query reads as it is: cache=2&mode=shared
	enc.Encode(st)
}

// read goes local cache, shared cache, origin, filling the caches on the way
// back. It fails open: a shared-cache error or timeout is counted and the
// read goes on to the origin.
func (h *Handler) read(key int) (Answer, error) {
	left := h.count()
	a := Answer{Key: key, Op: "read", Worker: h.Control.Slot, PID: os.Getpid()}
	v, from, ok, err := h.Cache.Get(key)
	errs := h.failed(err)
	if ok {
		cur, err := h.Control.Hit(key, from, v, h.state(h.Cache.Len(), h.Cache.Evictions(), left, errs))
		if err != nil {
			return a, err
		}
		a.Version, a.From, a.Hit, a.Stale = v, from.String(), true, v < cur
		return a, nil
	}
	// The entry is added after the report, so report the size and
	// evictions it will have, and the shared-cache error adding it may cost.
	size, evictions := min(h.Cache.Len()+1, h.MaxLocal), h.Cache.Evictions()
	if h.MaxLocal > 0 && h.Cache.Len() == h.MaxLocal {
		evictions++
	}
	if v, err = h.Control.Read(key, h.state(size, evictions, left, errs)); err != nil {
		return a, err
	}
	a.Version, a.From = v, sim.Origin.String()
	h.pending.Add(h.failed(h.Cache.Add(key, v)))
	return a, nil
}

// write bumps the version at the origin, then drops the key from this
// worker's cache and the shared one; other workers keep their copies. The
// write reaches the origin whatever the shared cache does.
func (h *Handler) write(key int) (Answer, error) {
	left := h.count()
	a := Answer{Key: key, Op: "write", Worker: h.Control.Slot, PID: os.Getpid(), From: sim.Origin.String()}
	size := h.Cache.Len()
	if h.Cache.Contains(key) {
		size--
	}
	v, err := h.Control.Write(key, h.state(size, h.Cache.Evictions(), left, 0))
	if err != nil {
		return a, err
	}
	a.Version = v
	h.pending.Add(h.failed(h.Cache.Remove(key)))
	return a, nil
}

// failed counts a shared-cache error in this process; it returns 1 for an error, else 0.
func (h *Handler) failed(err error) int64 {
	if err == nil {
		return 0
	}
	n := h.cacheErrors.Add(1)
	now, last := time.Now().UnixNano(), h.lastLog.Load()
	if h.Log != nil && now-last >= int64(time.Second) && h.lastLog.CompareAndSwap(last, now) {
		h.Log.Printf("shared cache: %v (the request goes on without it; %d errors so far)", err, n)
	}
	return 1
}

func (h *Handler) state(size int, evictions, left, errs int64) control.State {
	return control.State{Currsize: size, Evictions: evictions, Left: left, CacheErrors: errs + h.pending.Swap(0)}
}

func (h *Handler) count() int64 {
	n := h.served.Add(1)
	if h.Served == nil {
		return -1
	}
	return h.Served(n)
}
