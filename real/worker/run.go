package worker

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"time"
)

// Limit returns a Served function that closes done once n requests have
// been served, and the limit it drew: max plus 0..jitter, as gunicorn's
// --max-requests-jitter. A max of 0 means never (Served returns -1).
func Limit(max, jitter int, r *rand.Rand, done chan<- struct{}) (served func(int64) int64, limit int64) {
	if max <= 0 {
		return func(int64) int64 { return -1 }, 0
	}
	limit = int64(max)
	if jitter > 0 {
		limit += int64(r.IntN(jitter + 1))
	}
	var once sync.Once
	return func(n int64) int64 {
		if n >= limit {
			once.Do(func() { close(done) })
			return 0
		}
		return limit - n
	}, limit
}

// Serve answers on ln with h until ctx is done or recycle is closed, then
// stops accepting and lets requests in flight finish (up to grace).
// Connections are closed after each response, as gunicorn's sync workers
// do, so every request is a new accept that any worker may win.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, recycle <-chan struct{}, grace time.Duration) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	srv.SetKeepAlivesEnabled(false)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	case <-recycle:
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
