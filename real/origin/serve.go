package origin

import (
	"fmt"
	"net/http"
	"strconv"
)

// Handler serves s to other hosts as Remote expects it: POST
// /origin/read/{key} and /origin/write/{key}, GET /origin/version/{key} and
// /origin/prefix, each answered with plain text. Every request is served at
// once, on its own goroutine, as a database serves its connections: no
// request waits for another's.
func Handler(s Store) http.Handler {
	mux := http.NewServeMux()
	for _, e := range []struct {
		route string
		f     func(int) (uint32, error)
	}{{"POST /origin/read/{key}", s.Read}, {"POST /origin/write/{key}", s.Write}, {"GET /origin/version/{key}", s.Version}} {
		f := e.f
		mux.HandleFunc(e.route, func(w http.ResponseWriter, r *http.Request) {
			key, err := strconv.Atoi(r.PathValue("key"))
			if err != nil || key < 0 {
				http.Error(w, fmt.Sprintf("key must be a whole number from 0, got %q", r.PathValue("key")), http.StatusBadRequest)
				return
			}
			v, err := f(key)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			fmt.Fprintln(w, v)
		})
	}
	mux.HandleFunc("GET /origin/prefix", func(w http.ResponseWriter, r *http.Request) {
		p, err := s.CachePrefix()
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		fmt.Fprintln(w, p)
	})
	return mux
}
