// Package control is how workers reach the master: the origin database and
// the scoreboard, served over HTTP on a private Unix socket.
//
// Each workload request costs a worker exactly one call here: a miss reads
// the origin, a write writes it, and a cache hit asks for the key's current
// version so the master can tell whether the answer was stale.
package control

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/real/origin"
	"github.com/cachepit/cachepit/sim"
)

// Handler serves o and b to the workers.
func Handler(o origin.Store, b *board.Board) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /read", func(w http.ResponseWriter, r *http.Request) {
		out, key, ok := outcome(w, r)
		if !ok {
			return
		}
		v, err := o.Read(key)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		out.Op, out.From = sim.Read, sim.Origin
		b.Record(out)
		fmt.Fprint(w, v)
	})
	mux.HandleFunc("POST /write", func(w http.ResponseWriter, r *http.Request) {
		out, key, ok := outcome(w, r)
		if !ok {
			return
		}
		v, err := o.Write(key)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		out.Op, out.From = sim.Write, sim.Origin
		b.Record(out)
		fmt.Fprint(w, v)
	})
	mux.HandleFunc("POST /hit", func(w http.ResponseWriter, r *http.Request) {
		out, key, ok := outcome(w, r)
		if !ok {
			return
		}
		held, err1 := strconv.ParseUint(r.FormValue("version"), 10, 32)
		from, err2 := strconv.Atoi(r.FormValue("from"))
		if err1 != nil || err2 != nil || (sim.Tier(from) != sim.Local && sim.Tier(from) != sim.Shared) {
			http.Error(w, "hit needs version and from (0 local, 1 shared)", http.StatusBadRequest)
			return
		}
		cur, err := o.Version(key)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		out.Op, out.From, out.Stale = sim.Read, sim.Tier(from), uint32(held) < cur
		b.Record(out)
		fmt.Fprint(w, cur)
	})
	// The database itself, for other hosts that share it (origin.Remote,
	// through a worker's /origin/ endpoints): nothing goes on the board.
	for op, f := range map[string]func(int) (uint32, error){"read": o.Read, "write": o.Write, "version": o.Version} {
		mux.HandleFunc("POST /origin/"+op, func(w http.ResponseWriter, r *http.Request) {
			key, err := strconv.Atoi(r.FormValue("key"))
			if err != nil || key < 0 {
				http.Error(w, "origin needs key, a whole number from 0", http.StatusBadRequest)
				return
			}
			v, err := f(key)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			fmt.Fprint(w, v)
		})
	}
	mux.HandleFunc("POST /origin/prefix", func(w http.ResponseWriter, r *http.Request) {
		p, err := o.CachePrefix()
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		fmt.Fprint(w, p)
	})
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(b.Snapshot(o.Counts()))
	})
	return mux
}

// outcome parses the fields every report carries.
func outcome(w http.ResponseWriter, r *http.Request) (board.Outcome, int, bool) {
	var out board.Outcome
	var errs [5]error
	var key int
	out.Slot, errs[0] = strconv.Atoi(r.FormValue("slot"))
	key, errs[1] = strconv.Atoi(r.FormValue("key"))
	out.Currsize, errs[2] = strconv.Atoi(r.FormValue("size"))
	out.Left, errs[3] = strconv.ParseInt(r.FormValue("left"), 10, 64)
	out.Evictions, errs[4] = strconv.ParseInt(r.FormValue("evictions"), 10, 64)
	if e := r.FormValue("errors"); e != "" {
		if out.CacheErrors, errs[0] = strconv.ParseInt(e, 10, 64); out.CacheErrors < 0 {
			errs[0] = fmt.Errorf("errors must not be negative, got %d", out.CacheErrors)
		}
	}
	for _, err := range errs {
		if err != nil {
			http.Error(w, "report needs slot, key, size, left and evictions (and errors may be given): "+err.Error(), http.StatusBadRequest)
			return out, 0, false
		}
	}
	return out, key, true
}
