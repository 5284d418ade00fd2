package load

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cachepit/cachepit/sim"
)

// MaxInFlight bounds the requests an open-loop run keeps waiting at once;
// beyond it the run stops with an error rather than pile up goroutines.
const MaxInFlight = 1024

// answer is the part of /item/{key}'s answer the driver reads.
type answer struct {
	Op     string `json:"op"`
	Hit    bool   `json:"hit"`
	Stale  bool   `json:"stale"`
	Worker int    `json:"worker"`

	key  int    // the key asked for
	host string // the X-Cachepit-Host header: the address of the host that answered
}

type driver struct {
	base     string
	backends []string // the hosts behind base (nginx), HOST:PORT; nil when base is the one host
	route    *router  // counts where the answers came from; nil for one host
	hc       *http.Client

	progress    func(done, total int) // nil: none
	done, total int                   // requests answered so far, of the whole run
}

func newDriver(target string, perRequest time.Duration, conns int) *driver {
	return &driver{base: strings.TrimRight(target, "/"), hc: &http.Client{
		// A new connection, a new accept, every time: gunicorn's sync workers
		// close each connection after one response anyway.
		Transport: &http.Transport{DisableKeepAlives: true, MaxConnsPerHost: conns},
		Timeout:   perRequest,
	}}
}

// run sends n requests of w: with rate > 0 as an open stream of Poisson
// arrivals at rate per second (seeded by seed), else from clients closed-loop
// clients, each sending its next request think after the previous answer.
// Response times run from the request's arrival to its answer.
func (d *driver) run(ctx context.Context, w *sim.Workload, n, clients int, think time.Duration, rate float64, seed uint64) (tally, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu   sync.Mutex // guards w, t and err
		t    = tally{times: make([]int32, 0, n)}
		err  error
		wg   sync.WaitGroup
		sent int
	)
	fail := func(e error) {
		mu.Lock()
		if err == nil {
			err = e
		}
		mu.Unlock()
		cancel()
	}
	// one sends the next request of the stream, if any is left; its arrival
	// time is at (open loop) or now (closed loop).
	one := func(at time.Time) bool {
		mu.Lock()
		if sent == n || err != nil {
			mu.Unlock()
			return false
		}
		sent++
		key, op := w.Next()
		mu.Unlock()
		if at.IsZero() {
			at = time.Now()
		}
		a, e := d.item(ctx, key, op)
		took := time.Since(at)
		if e != nil {
			fail(e)
			return false
		}
		mu.Lock()
		t.add(a, took)
		if d.route != nil {
			d.route.add(a.key, a.host)
		}
		d.done++
		if d.progress != nil {
			d.progress(d.done, d.total)
		}
		mu.Unlock()
		return true
	}
	start := time.Now()
	if rate <= 0 {
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for one(time.Time{}) {
					if think > 0 {
						select {
						case <-ctx.Done():
							return
						case <-time.After(think):
						}
					}
				}
			}()
		}
	} else {
		r := rand.New(rand.NewPCG(seed, 0x6c6f6164)) // "load": arrivals apart from the workload's stream
		at := start
		inFlight := make(chan struct{}, MaxInFlight)
	loop:
		for i := 0; i < n; i++ {
			at = at.Add(time.Duration(r.ExpFloat64() / rate * float64(time.Second)))
			select {
			case <-ctx.Done():
				break loop
			case <-time.After(time.Until(at)):
			}
			select {
			case inFlight <- struct{}{}:
			default:
				fail(fmt.Errorf("%d requests waiting for an answer at once at --rate %g: the server cannot keep up; lower --rate", MaxInFlight, rate))
				break loop
			}
			wg.Add(1)
			go func(at time.Time) {
				defer wg.Done()
				one(at)
				<-inFlight
			}(at)
		}
	}
	wg.Wait()
	t.elapsed = time.Since(start)
	if err == nil && ctx.Err() != nil && sent < n {
		err = ctx.Err()
	}
	return t, err
}

func (d *driver) item(ctx context.Context, key int, op sim.Op) (answer, error) {
	method := http.MethodGet
	if op == sim.Write {
		method = http.MethodPut
	}
	var a answer
	h, err := d.do(ctx, method, d.base, sim.KeyURI(key), &a)
	a.key, a.host = key, h.Get("X-Cachepit-Host")
	return a, err
}

// do sends one request to the server at base and decodes its JSON answer into v.
func (d *driver) do(ctx context.Context, method, base, path string, v any) (http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, method, base+path, nil)
	if err != nil {
		return nil, fmt.Errorf("--target %q: %w", base, err)
	}
	resp, err := d.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w (is a server speaking cachepit's protocol running there? 'cachepit real' or 'make gunicorn-demo')", method, base+path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, base+path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s %s: %s: %s", method, base+path, resp.Status, strings.TrimSpace(string(body)))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return nil, fmt.Errorf("%s %s: not an answer of cachepit's protocol (see real/README.md): %w", method, base+path, err)
	}
	return resp.Header, nil
}
