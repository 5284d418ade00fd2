// Package worker is one process of the pre-fork server: the post's Flask
// app in Go, answering from its own cache or a shared one.
package worker

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"

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

	// Served is called at each workload request (/, /item) with the count
	// so far, this one included; it returns the requests left before the
	// worker recycles, or -1. Nil means never.
	Served func(n int64) int64

	served atomic.Int64
	mux    *http.ServeMux
}

// NewHandler returns the worker's handler; served may be nil.
func NewHandler(c cache.Cache, ctl *control.Client, maxLocal int, served func(int64) int64) *Handler {
	h := &Handler{Cache: c, Control: ctl, MaxLocal: maxLocal, Served: served, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET /{$}", h.index)
	h.mux.HandleFunc("GET /get_cache_info", h.cacheInfo)
	h.mux.HandleFunc("GET /item/{key}", h.item)
	h.mux.HandleFunc("PUT /item/{key}", h.item)
	h.mux.HandleFunc("GET /stats", h.stats)
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

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
// plus which worker and process answered.
func (h *Handler) cacheInfo(w http.ResponseWriter, r *http.Request) {
	ci, err := h.Cache.Info()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"Currsize": %d, "Hits": %d, "Maxsize": %d, "Misses": %d, "pid": %d, "worker": %d}`+"\n",
		ci.Currsize, ci.Hits, ci.Maxsize, ci.Misses, os.Getpid(), h.Control.Slot)
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
	enc.Encode(st)
}

// read goes local cache, shared cache, origin, filling the caches on the way back.
func (h *Handler) read(key int) (Answer, error) {
	left := h.count()
	a := Answer{Key: key, Op: "read", Worker: h.Control.Slot, PID: os.Getpid()}
	v, from, ok, err := h.Cache.Get(key)
	if err != nil {
		return a, err
	}
	if ok {
		cur, err := h.Control.Hit(key, from, v, control.State{Currsize: h.Cache.Len(), Evictions: h.Cache.Evictions(), Left: left})
		if err != nil {
			return a, err
		}
		a.Version, a.From, a.Hit, a.Stale = v, from.String(), true, v < cur
		return a, nil
	}
	// The entry is added after the report, so report the size and
	// evictions it will have.
	st := control.State{Currsize: min(h.Cache.Len()+1, h.MaxLocal), Evictions: h.Cache.Evictions(), Left: left}
	if h.MaxLocal > 0 && h.Cache.Len() == h.MaxLocal {
		st.Evictions++
	}
	if v, err = h.Control.Read(key, st); err != nil {
		return a, err
	}
	a.Version, a.From = v, sim.Origin.String()
	return a, h.Cache.Add(key, v)
}

// write bumps the version at the origin, then drops the key from this
// worker's cache and the shared one; other workers keep their copies.
func (h *Handler) write(key int) (Answer, error) {
	left := h.count()
	a := Answer{Key: key, Op: "write", Worker: h.Control.Slot, PID: os.Getpid(), From: sim.Origin.String()}
	size := h.Cache.Len()
	if h.Cache.Contains(key) {
		size--
	}
	v, err := h.Control.Write(key, control.State{Currsize: size, Evictions: h.Cache.Evictions(), Left: left})
	if err != nil {
		return a, err
	}
	a.Version = v
	return a, h.Cache.Remove(key)
}

func (h *Handler) count() int64 {
	n := h.served.Add(1)
	if h.Served == nil {
		return -1
	}
	return h.Served(n)
}
