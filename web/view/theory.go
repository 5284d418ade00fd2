package view

import (
	"fmt"
	"math"
	"slices"

	"github.com/cachepit/cachepit/sim"
)

// Theory is Che's prediction for a deployment: N per-worker caches of C,
// one shared cache of the size the engine uses, and routing by key.
type Theory = sim.Prediction

// TheoryOf predicts for c; it costs a few milliseconds, so compute it once per config.
func TheoryOf(c sim.Config) Theory { return sim.Predict(c) }

// TheoryMaxKeys bounds the key space the playground predicts for: Che's
// approximation costs time in proportion to the keys (about 0.1 s for
// 20,000 natively, seconds for a million), and the page must not stall.
const TheoryMaxKeys = 20_000

// TheoryFor is TheoryOf(c) when c's key space is small enough to predict
// at once; ok is false otherwise.
func TheoryFor(c sim.Config) (t Theory, ok bool) {
	if c.Keys > TheoryMaxKeys {
		return Theory{}, false
	}
	return TheoryOf(c), true
}

// MeasuredOf reads each view's hit ratio for the theory panel.
func MeasuredOf(views []System) []Measured {
	out := make([]Measured, len(views))
	for i, v := range views {
		c, st := v.Config, v.Stats
		out[i] = Measured{Mode: c.Mode, HostBalancer: c.HostBalancer, HitRatio: st.HitRatio, Reads: st.Total.Reads,
			Utilization: st.Total.Utilization, MeanResponse: st.Latency.Mean,
			Rate: st.Throughput, Threads: len(st.Workers) * c.Threads, Recycles: st.Total.Recycles,
			TTL: c.TTL > 0 && c.HasLocal(), Outage: c.Outage != "", OriginConns: c.OriginConns > 0, LeftOut: leftOut(c, st)}
		if st.Total.Requests > 0 {
			out[i].Service = float64(st.Total.BusyMicros) / float64(st.Total.Requests)
		}
	}
	return out
}

// Measured is a live system's hit ratio, for the theory panel.
type Measured struct {
	Mode         string
	HostBalancer string // across hosts: matters with several hosts
	HitRatio     float64
	Reads        int64

	Utilization  float64 // each thread's busy fraction
	MeanResponse float64 // µs

	Service     float64  // mean service time of the requests served, µs: their workers' busy time each
	Rate        float64  // requests arrived per second of simulated time
	Threads     int      // threads over every worker of every host
	Recycles    int64    // workers replaced so far (restarts, deploys, max-requests, timeouts)
	TTL         bool     // entries expire (ttl is a local entry's lifetime: a shared cache's never do)
	Outage      bool     // the run takes a cache or a host out
	OriginConns bool     // fetches can wait for a database connection
	LeftOut     []string // what the system has that Che's approximation leaves out: writes, TTLs, worker restarts, outages
}

// HostsWords explains the prediction for a system of several hosts, or
// with host caches: which caches see which keys across the hosts. It is ""
// for one host without host caches, which the panel explains on its own.
// ms[0] is the system the page runs first.
func HostsWords(t Theory, ms []Measured) string {
	if len(ms) == 0 || t.Hosts <= 1 && !isHostMode(ms[0].Mode) {
		return ""
	}
	m := ms[0]
	hosts, workers := max(t.Hosts, 1), max(t.Hosts, 1)*t.Workers
	keyhash := hosts > 1 && m.HostBalancer == "keyhash"
	s := "Che's approximation predicts an LRU cache's long-run hit ratio. "
	switch {
	case isHostMode(m.Mode) && hosts == 1:
		return s + fmt.Sprintf("One host: its cache of %s, shared by its %s, is the shared cache here.", Entries(int64(t.HostSize)), Plural(int64(t.Workers), "worker"))
	case isHostMode(m.Mode) && keyhash:
		return s + fmt.Sprintf("nginx's consistent hash sends each key to one host, so each of the %d host caches of %s sees only its share of the keys: "+
			"together they hit about like one cache of %s, as one shared cache of that memory would.", hosts, Entries(int64(t.HostSize)), Count(hosts*t.HostSize))
	case isHostMode(m.Mode):
		return s + fmt.Sprintf("%s sends every key to every host, so each of the %d host caches of %s sees the whole request stream and hits like one cache of %s. "+
			"The %d hosts hold %s and hit like %s. Routed by key (keyhash) they would hit about like one cache of %s.",
			m.HostBalancer, hosts, Entries(int64(t.HostSize)), Count(t.HostSize), hosts, Entries(int64(hosts*t.HostSize)), Count(t.HostSize), Count(hosts*t.HostSize))
	case m.Mode == "shared" || m.Mode == "tiered":
		return s + fmt.Sprintf("One shared cache of %s serves all %s on the %d hosts: how the hosts share the requests makes no difference to it.",
			Entries(int64(t.SharedSize)), Plural(int64(workers), "worker"), hosts)
	case keyhash:
		return s + fmt.Sprintf("nginx's consistent hash sends each key to one host, so the %s per-worker caches of %d on a host see only that host's share of the keys, "+
			"and hit better than caches that see every key.", Count(t.Workers), t.Cache)
	}
	return s + fmt.Sprintf("%s sends every key to every host and every worker, so each of the %s per-worker caches of %s, on %d hosts, hits like one cache of %d.",
		m.HostBalancer, Count(workers), Entries(int64(t.Cache)), hosts, t.Cache)
}

// HostsRow names the row of the system as a whole: its hosts, its cache
// scope and how the hosts share the requests.
func HostsRow(t Theory, m Measured) string {
	return fmt.Sprintf("this system: %d hosts × %s, %s, %s across hosts", t.Hosts, Plural(int64(t.Workers), "worker"), scopeWords(m.Mode), m.HostBalancer)
}

func isHostMode(mode string) bool { return mode == "host" || mode == "tiered-host" }

// scopeWords names a mode's caches in a few words.
func scopeWords(mode string) string {
	switch mode {
	case "host":
		return "one cache per host"
	case "tiered-host":
		return "lru_cache in front of each host's cache"
	case "shared":
		return "one shared cache"
	case "tiered":
		return "lru_cache in front of one shared cache"
	}
	return "a cache in each worker"
}

// Warm-up: a cache starts empty, so its hit ratio over the whole run lags
// its long-run one. The theory panel sets the hit ratio of a recent window
// beside the all-time one and says when the caches have settled. Both come
// from the series in the snapshot: no work in the engine per request.

// WarmState is how far a system's caches have come.
type WarmState uint8

const (
	NoReads WarmState = iota // too few reads in the recent window to say
	Warming                  // the recent hit ratio is still off the prediction and moving
	Settled                  // the recent hit ratio is within the margin of the prediction
	Steady                   // off the prediction, but the last windows agree: this run's steady state
	Full                     // every cache is full, but the recent window still holds the misses that filled them (see fill)
)

// Warmup is a system's recent hit ratio beside its prediction.
type Warmup struct {
	State     WarmState
	Predicted float64   // Che's long-run hit ratio for this system
	Recent    float64   // hit ratio of the reads in the recent window
	Reads     int64     // reads in the recent window
	From, To  int64     // the window: requests From+1 to To
	Margin    float64   // how far Recent may be from Predicted (or the windows from each other) and count as settled
	Windows   []float64 // hit ratios of the last windows of the same length, newest first
	Down      bool      // the system's shared cache is out: not a warm-up
	Refill    string    // what emptied the caches since the run began ("the deploy"), or "": see refillCause

	Caches     int     // with Full: how many caches the system has
	Filled     int64   // with Full: the request by which every cache was full
	Since      float64 // with Full: the hit ratio of the reads after Filled
	SinceReads int64   // with Full: the reads after Filled
}

// Of is the recent hit ratio as a share of the predicted steady state.
func (w Warmup) Of() float64 {
	if w.Predicted <= 0 {
		return 1
	}
	return w.Recent / w.Predicted
}

// Done reports whether the caches have settled, at the prediction or at a
// steady state of their own.
func (w Warmup) Done() bool { return w.State == Settled || w.State == Steady }

// Recent window and margins.
const (
	recentShare  = 10   // the recent window is the last tenth of the run…
	recentMin    = 1000 // …and at least this many requests
	recentReads  = 100  // fewer reads than this say nothing yet
	SettleMargin = 0.02 // settled means within 2 points of the prediction…
	steadyWindow = 3    // …or the last three windows agree within the margin
)

// RecentSpan is the length of the recent window after seq requests.
func RecentSpan(seq int64) int64 { return max(seq/recentShare, recentMin) }

// WarmupOf reads system sys's warm-up from its time series; predicted is
// its long-run hit ratio. The margin is 2 points, or three times the
// chance spread of the window's reads (√(p(1−p)/reads)) when that is
// wider, so that a settled run rarely looks unsettled by chance alone.
func WarmupOf(series []sim.Point, predicted float64) Warmup {
	w := Warmup{Predicted: predicted}
	if len(series) == 0 {
		return w
	}
	w.To = series[len(series)-1].Seq
	span := RecentSpan(w.To)
	end := len(series)
	for i := 0; i < steadyWindow && end > 0; i++ {
		start, reads, hits := window(series, end, span)
		if reads < recentReads || (i > 0 && series[end-1].Seq-startSeq(series, start) < span) {
			break
		}
		r := float64(hits) / float64(reads)
		w.Windows = append(w.Windows, r)
		if i == 0 {
			w.Recent, w.Reads, w.From = r, reads, startSeq(series, start)
		}
		end = start
	}
	if len(w.Windows) == 0 {
		return w
	}
	p := min(max(predicted, 0.01), 0.99)
	w.Margin = max(SettleMargin, 3*math.Sqrt(p*(1-p)/float64(w.Reads)))
	switch {
	case math.Abs(w.Recent-predicted) <= w.Margin:
		w.State = Settled
	case len(w.Windows) == steadyWindow && slices.Max(w.Windows)-slices.Min(w.Windows) <= w.Margin:
		w.State = Steady
	default:
		w.State = Warming
	}
	return w
}

// window sums the points before end, going back until they cover span
// requests (or the series runs out): it returns the first point's index.
func window(series []sim.Point, end int, span int64) (start int, reads, hits int64) {
	last := series[end-1].Seq
	start = end
	for start > 0 {
		start--
		reads += series[start].Reads
		hits += series[start].Hits
		if last-startSeq(series, start) >= span {
			break
		}
	}
	return start, reads, hits
}

// startSeq is the request before point i's window: the previous point's
// Seq. Windows are all as long until the latest one (the engine merges
// them in pairs), so the first starts one window length before its end.
func startSeq(series []sim.Point, i int) int64 {
	switch {
	case i > 0:
		return series[i-1].Seq
	case len(series) > 1:
		return max(2*series[0].Seq-series[1].Seq, 0)
	}
	return series[0].Seq - 1
}

// PredictedFor is Che's long-run hit ratio for system i of a page: the
// first is the configured system, the second its partner on the same
// requests (per-worker caches against a shared cache, or the reverse).
func PredictedFor(t Theory, i int, mode string) float64 {
	switch {
	case i == 0:
		return t.HitRatio
	case mode == "shared":
		return t.Shared
	case t.KeyHash:
		return t.Routed
	}
	return t.PerWorker
}

// WarmupsOf reads every system's warm-up for the theory panel.
func WarmupsOf(t Theory, views []System) []Warmup {
	out := make([]Warmup, len(views))
	for i, v := range views {
		out[i] = WarmupOf(v.Series, PredictedFor(t, i, v.Config.Mode))
		out[i].fill(v.Series, v.Config)
		out[i].Down = v.Stats.Shared.Down
		out[i].Refill = refillCause(v)
	}
	return out
}

// SkipLimit bounds how far "Skip the warm-up" runs: a run that has not
// settled after this many more requests stops there and says so.
const SkipLimit = 1_000_000

// SkipWarmup runs the systems on until every one's caches have settled
// (see WarmupOf), looking again after each recent window's worth of
// requests, and at most SkipLimit requests. It reports whether they settled.
func (r *Runner) SkipWarmup(t Theory) (bool, error) {
	start := r.Seq()
	for {
		done := true
		for i, s := range r.sims {
			done = done && WarmupOf(s.Series(), PredictedFor(t, i, s.Config().Mode)).Done()
		}
		seq := r.Seq()
		if done || r.Stopped() || seq-start >= SkipLimit {
			return done, nil
		}
		if err := r.Advance(min(RecentSpan(seq), start+SkipLimit-seq)); err != nil {
			return false, err
		}
		if r.Seq() == seq {
			return false, nil
		}
	}
}
