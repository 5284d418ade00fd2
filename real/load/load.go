// Package load drives a running real server with the engine's request
// stream and sets what the server counted beside what the engine predicts.
package load

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/sim"
)

// Options describe a run. Config supplies the workload (keys, dist, alpha,
// hot-keys, hot-traffic, writes, seed, warmup, requests, shared-cache); the
// server's own settings replace its workers, cache, mode and max-requests.
type Options struct {
	Target     string        // the server's base URL, http://127.0.0.1:8000
	Config     sim.Config    // the workload
	SharedSet  bool          // Config.SharedCache was chosen by the user
	Timeout    time.Duration // the whole run; 0 means 10 minutes
	PerRequest time.Duration // one request; 0 means 10 s
}

// Result is the comparison.
type Result struct {
	Target    string         `json:"target"`
	Server    board.Settings `json:"server"`
	Config    sim.Config     `json:"config"` // the engine's settings used for the prediction
	Query     string         `json:"query"`  // the same, as in a shareable link
	Notes     []string       `json:"notes,omitempty"`
	Measured  Measure        `json:"measured"`
	Predicted Measure        `json:"predicted"`
	Elapsed   time.Duration  `json:"elapsed_ns"`
}

// answer is the part of /item/{key}'s answer the driver reads.
type answer struct {
	Op     string `json:"op"`
	Hit    bool   `json:"hit"`
	Stale  bool   `json:"stale"`
	Worker int    `json:"worker"`
}

// Run replays the workload against the server, one request at a time over
// a new connection each, and predicts the same run with the engine.
func Run(ctx context.Context, o Options) (Result, error) {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Minute
	}
	if o.PerRequest <= 0 {
		o.PerRequest = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	d := driver{base: strings.TrimRight(o.Target, "/"), hc: &http.Client{
		Transport: &http.Transport{DisableKeepAlives: true}, // a new connection, a new accept, every time
		Timeout:   o.PerRequest,
	}}
	r := Result{Target: d.base}
	before, err := d.stats(ctx)
	if err != nil {
		return r, err
	}
	r.Server = before.Settings
	c, notes := engineConfig(o, before.Settings)
	r.Config, r.Query, r.Notes = c, c.Query(), notes
	w, err := sim.NewWorkload(c)
	if err != nil {
		return r, err
	}
	start := time.Now()
	for range c.Warmup {
		if _, err := d.next(ctx, w); err != nil {
			return r, err
		}
	}
	if before, err = d.stats(ctx); err != nil {
		return r, err
	}
	var t tally
	for range c.Requests {
		a, err := d.next(ctx, w)
		if err != nil {
			return r, err
		}
		t.add(a)
	}
	after, err := d.stats(ctx)
	if err != nil {
		return r, err
	}
	r.Elapsed = time.Since(start)
	r.Measured = measured(before, after)
	if m := r.Measured; m.Requests != t.requests || m.Reads != t.reads || m.Hits != t.hits || m.Stale != t.stale {
		r.Notes = append(r.Notes, fmt.Sprintf("the server counted %d requests, %d hits, %d stale; the answers showed %d, %d, %d: another client used the server during the run",
			m.Requests, m.Hits, m.Stale, t.requests, t.hits, t.stale))
	}
	s, err := sim.New(c)
	if err != nil {
		return r, err
	}
	s.Run(c.Warmup + c.Requests)
	r.Predicted = predicted(s.Stats())
	return r, nil
}

// engineConfig is the workload with the server's settings, on the engine's
// model of the kernel's accept race.
func engineConfig(o Options, st board.Settings) (sim.Config, []string) {
	c := o.Config
	c.Workers, c.Mode, c.Balancer = st.Workers, st.Mode, "accept"
	c.MaxRequests, c.MaxRequestsJitter = st.MaxRequests, st.MaxRequestsJitter
	c.TTL, c.Preload = 0, false
	if st.Cache > 0 {
		c.Cache = st.Cache
	}
	var notes []string
	if c.HasShared() && !o.SharedSet {
		// Memcached bounds bytes, not entries: at its default 64 MB it holds
		// every key of any workload here, so the engine gets room for all.
		c.SharedCache = min(c.Keys, sim.MaxWorkers*sim.MaxCache)
		notes = append(notes, fmt.Sprintf("predicted with --shared-cache %d: Memcached has room for every key (set --shared-cache to model a smaller one)", c.SharedCache))
	}
	return c, notes
}

type driver struct {
	base string
	hc   *http.Client
}

func (d driver) next(ctx context.Context, w *sim.Workload) (answer, error) {
	key, op := w.Next()
	method := http.MethodGet
	if op == sim.Write {
		method = http.MethodPut
	}
	var a answer
	err := d.do(ctx, method, "/item/"+strconv.Itoa(key), &a)
	return a, err
}

func (d driver) stats(ctx context.Context) (board.Stats, error) {
	var s board.Stats
	err := d.do(ctx, http.MethodGet, "/stats", &s)
	if err == nil && len(s.Workers) == 0 {
		err = fmt.Errorf("%s/stats has no workers: is this a 'cachepit real' server?", d.base)
	}
	return s, err
}

func (d driver) do(ctx context.Context, method, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, method, d.base+path, nil)
	if err != nil {
		return fmt.Errorf("--target %q: %w", d.base, err)
	}
	resp, err := d.hc.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w (is 'cachepit real' running there?)", method, d.base+path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, d.base+path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", method, d.base+path, resp.Status, strings.TrimSpace(string(body)))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%s %s: not a 'cachepit real' answer: %w", method, d.base+path, err)
	}
	return nil
}
