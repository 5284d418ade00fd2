package load

import (
	"context"
	"fmt"
	"net/http"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/sim"
)

// serverStats is /stats: cachepit real's board, plus what any server of the
// protocol adds: its settings as the engine's URL query, and (the gunicorn
// app) the time spent with fewer than every worker accepting.
type serverStats struct {
	board.Stats
	Config         string        `json:"config"`         // the engine's query for the server's settings
	DegradedMicros *int64        `json:"DegradedMicros"` // nil when the server does not say
	Replacements   []replacement `json:"Replacements"`   // the gunicorn app times each replaced worker
}

// replacement is one replaced worker's two delays, in µs: from the old
// worker's last request to the fork, and from the fork to accepting (0: not
// up yet).
type replacement struct {
	RespawnMicros, BootMicros int64
}

// replacementNote says what the server timed of its replacements beside
// what the engine was told, in flags to predict with them; "" when the
// server timed none.
func replacementNote(rs []replacement, c sim.Config) string {
	var respawn, boot, booted int64
	for _, r := range rs {
		respawn += r.RespawnMicros
		if r.BootMicros > 0 {
			boot += r.BootMicros
			booted++
		}
	}
	if len(rs) == 0 || booted == 0 {
		return ""
	}
	ms := func(us int64) string { return sim.FormatDuration(max(us/1000, 1) * 1000) }
	return fmt.Sprintf("the server timed %d replaced workers: on average --respawn %s --boot %s (the engine was given --respawn %s --boot %s)",
		len(rs), ms(respawn/int64(len(rs))), ms(boot/booted), sim.FormatDuration(c.Respawn), sim.FormatDuration(c.Boot))
}

func (d *driver) stats(ctx context.Context) (serverStats, error) {
	return d.statsAt(ctx, d.base)
}

// statsAt reads /stats of the server at base.
func (d *driver) statsAt(ctx context.Context, base string) (serverStats, error) {
	var s serverStats
	_, err := d.do(ctx, http.MethodGet, base, "/stats", &s)
	if err == nil && len(s.Workers) == 0 {
		err = fmt.Errorf("%s/stats lists no workers: not a server of cachepit's protocol (see real/README.md)", base)
	}
	return s, err
}

// snapshot reads /stats of every host: the target, or each backend.
func (d *driver) snapshot(ctx context.Context) ([]serverStats, error) {
	if len(d.backends) == 0 {
		st, err := d.stats(ctx)
		return []serverStats{st}, err
	}
	out := make([]serverStats, len(d.backends))
	for i, b := range d.backends {
		var err error
		if out[i], err = d.statsAt(ctx, "http://"+b); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// workloadFields are the settings cachepit load owns: the workload, and the
// application's own work per request and a replacement worker's respawn and
// boot times, which no server reports. Every other setting of the prediction is the server's.
var workloadFields = []string{"keys", "dist", "alpha", "hot-keys", "hot-traffic", "writes", "seed", "warmup", "requests", "cpu", "boot", "respawn"}

// engineConfig is the engine's model of the server running the workload:
// the server's settings from its /stats config (its balancer too, unless o
// names one), the workload from o. It stops when the server has served requests already: its caches
// are warm and a prediction from cold caches would not compare.
func engineConfig(o Options, sts []serverStats) (sim.Config, []string, error) {
	for i, st := range sts {
		if n := st.Total.Requests; n > 0 {
			return sim.Config{}, nil, fmt.Errorf("%s has served %d requests already, so its caches are warm and the prediction starts cold: restart the server, then run cachepit load again", serverName(o, i), n)
		}
		if st.Config == "" {
			return sim.Config{}, nil, fmt.Errorf("%s/stats has no config (the server's settings as the engine's URL query), so there is nothing to predict from: not a server of cachepit's protocol (see real/README.md)", serverName(o, i))
		}
		if st.Config != sts[0].Config {
			return sim.Config{}, nil, fmt.Errorf("%s runs %q but %s runs %q: the engine models hosts that are alike; start every host with the same flags", serverName(o, 0), sts[0].Config, serverName(o, i), st.Config)
		}
	}
	st := sts[0]
	c, err := sim.ParseQuery(st.Config)
	if err != nil {
		return c, nil, fmt.Errorf("the server's settings (/stats config %q) are not the engine's: %w", st.Config, err)
	}
	var notes []string
	for _, name := range workloadFields {
		f, _ := sim.FieldByName(name)
		if err := f.Set(&c, f.Get(o.Config)); err != nil {
			return c, nil, err
		}
	}
	if o.BalancerSet {
		c.Balancer = o.Config.Balancer
	}
	c.Arrivals, c.Clients, c.Think = "closed", max(o.Clients, 1), o.Config.Think
	if o.Rate > 0 {
		c.Arrivals, c.Rate = "poisson", o.Rate
	}
	if len(o.Backends) > 0 {
		more, err := hostsConfig(&c, o, sts)
		if err != nil {
			return c, nil, err
		}
		notes = append(notes, more...)
	}
	if o.HostCacheSet {
		c.HostCache = o.Config.HostCache
	} else if c.HasHost() && c.HostCache == 0 {
		c.HostCache = min(c.Keys, sim.MaxWorkers*sim.MaxCache)
		notes = append(notes, fmt.Sprintf("predicted with --host-cache %d: each host's Memcached or Redis has room for every key (set --host-cache to model a smaller one)", c.HostCache))
	}
	if o.SharedSet {
		c.SharedCache = o.Config.SharedCache
	} else if c.HasShared() && c.SharedCache == 0 {
		// Memcached bounds bytes, not entries: at its default 64 MB it holds
		// every key of any workload here, so the engine gets room for all.
		c.SharedCache = min(c.Keys, sim.MaxWorkers*sim.MaxCache)
		notes = append(notes, fmt.Sprintf("predicted with --shared-cache %d: Memcached has room for every key (set --shared-cache to model a smaller one)", c.SharedCache))
	}
	return c, notes, c.Validate()
}

// serverName names host i for messages: the target, or backend i.
func serverName(o Options, i int) string {
	if len(o.Backends) == 0 {
		return "the server at " + o.Target
	}
	return "host " + o.Backends[i]
}
