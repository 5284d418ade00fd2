package web

import (
	"strconv"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/web/view"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Controls edits every engine setting, built from sim.Fields. Settings that
// do not apply to the current choices are hidden.
type Controls struct {
	app.Compo
	Config  sim.Config
	Compare []sim.Config // the two systems compared, left and right; nil for one
}

// advanced are shown folded: they matter less for the lesson.
var advanced = map[string]bool{"warmup": true, "requests": true, "cost-local": true, "cost-shared": true, "cost-origin": true, "cost-host": true, "cpu": true, "think": true, "backlog": true, "respawn": true}

// durations are typed with their unit, as "30s" or "500ms".
var durations = map[string]bool{"ttl": true, "think": true, "boot": true, "respawn": true, "timeout": true}

// inBar are set in the play bar's load control, not here.
var inBar = map[string]bool{"arrivals": true, "clients": true, "rate": true}

// label is the control's visible name.
var label = map[string]string{
	"workers": "workers", "cache": "lru_cache maxsize (each worker)", "keys": "distinct keys", "dist": "popularity",
	"alpha": "zipf alpha", "hot-keys": "hot keys (fraction)", "hot-traffic": "hot traffic (fraction)",
	"writes": "writes (fraction)", "balancer": "load balancer", "mode": "cache mode",
	"shared-cache": "shared cache size (one for all)", "ttl": "TTL (e.g. 30s; 0 forever)", "max-requests": "max_requests",
	"max-requests-jitter": "max_requests_jitter", "preload": "--preload", "seed": "seed",
	"warmup": "warmup requests", "requests": "run length", "cost-local": "local lookup µs",
	"cost-shared": "shared round trip µs", "cost-origin": "database fetch µs",
	"think": "client think time (e.g. 10ms)", "threads": "threads per worker (--threads)", "cpu": "app work per request µs",
	"backlog": "listen backlog (--backlog)", "boot": "worker boot time (e.g. 2s)", "respawn": "worker exit and reaping (e.g. 300ms)", "timeout": "--timeout (e.g. 30s; 0 never)",
	"deploy-at": "deploy at request (0 never)", "rolling": "rolling deploy", "coalesce": "stampede protection",
	"origin-conns": "database connections (0 no limit)", "hosts": "hosts", "host-balancer": "host load balancer",
	"host-cache": "host cache size (each host)", "cost-host": "host cache round trip µs", "outage": "outages (shared@2s-4s, host1@1s-2s, shared@2s- to the end)",
}

func (c *Controls) Render() app.UI {
	var main, more []app.UI
	for _, f := range sim.Fields {
		if !applies(f.Name, c.Config) {
			continue
		}
		if advanced[f.Name] {
			more = append(more, field(f, c.Config))
		} else {
			main = append(main, field(f, c.Config))
		}
	}
	return el("section").Class("panel controls").ID("controls").Aria("label", "settings").Body(
		app.H2().Text("Settings"),
		el("p").Class("panel-sub").ID("mode-sizes").Text(c.cacheSizes()),
		el("div").Class("fields").Body(main...),
		el("details").Body(
			el("summary").Text("Advanced: warmup, run length, costs, clients' think time, backlog, respawn"),
			el("div").Class("fields").Body(more...),
		),
	)
}

// cacheSizes says which caches are in effect, for both systems when two
// are compared: the fields set only one of them.
func (c *Controls) cacheSizes() string {
	if len(c.Compare) == 2 {
		return view.CompareCacheSizes(c.Config, c.Compare[0], c.Compare[1])
	}
	return view.CacheSizes(c.Config)
}

func applies(name string, c sim.Config) bool {
	if inBar[name] {
		return false
	}
	switch name {
	case "think":
		return c.Arrivals == "closed"
	case "alpha":
		return c.Dist == "zipf"
	case "hot-keys", "hot-traffic":
		return c.Dist == "hotset"
	case "shared-cache", "cost-shared":
		return c.HasShared()
	case "cache", "ttl", "preload", "cost-local":
		return c.HasLocal()
	case "max-requests-jitter":
		return c.MaxRequests > 0
	case "host-balancer":
		return c.Hosts > 1
	case "host-cache", "cost-host":
		return c.HasHost()
	}
	return true
}

func field(f sim.Field, c sim.Config) app.UI {
	name := f.Name
	id := "f-" + name
	val := f.Get(c)
	if name == "shared-cache" && c.SharedCache == 0 {
		val = strconv.Itoa(c.SharedSize()) // 0 means "workers × cache": show the size in effect
	}
	if name == "host-cache" && c.HostCache == 0 {
		val = strconv.Itoa(c.HostSize()) // 0 means "a host's workers × cache": the size in effect
	}
	emit := func(ctx app.Context, v string) {
		ctx.NewActionWithValue(ActionSet, v, app.T("field", name))
	}
	var input app.UI
	switch {
	case f.Bool:
		input = boolAttr(el("input").Attr("type", "checkbox").ID(id), "checked", val == "true").
			OnChange(func(ctx app.Context, e app.Event) {
				emit(ctx, strconv.FormatBool(ctx.JSSrc().Get("checked").Bool()))
			})
	case choices(name) != nil:
		opts := choices(name)
		input = el("select").ID(id).Body(app.Range(opts).Slice(func(i int) app.UI {
			return option(opts[i], opts[i] == val).Text(optionText(name, opts[i]))
		})).OnChange(func(ctx app.Context, e app.Event) {
			emit(ctx, ctx.JSSrc().Get("value").String())
		})
	case durations[name]:
		input = el("input").Attr("type", "text").ID(id).Attr("value", val).Attr("inputmode", "text").Attr("spellcheck", false).Attr("size", 6).
			OnChange(func(ctx app.Context, e app.Event) {
				emit(ctx, ctx.JSSrc().Get("value").String())
			})
	default:
		in := el("input").Attr("type", "number").ID(id).Attr("value", val).
			OnChange(func(ctx app.Context, e app.Event) {
				emit(ctx, ctx.JSSrc().Get("value").String())
			})
		switch name {
		case "workers":
			in = in.Attr("min", 1).Attr("max", sim.MaxWorkers)
		case "outage":
			in = in.Attr("type", "text").Attr("placeholder", "none")
		case "alpha", "hot-keys", "hot-traffic", "writes":
			in = in.Attr("step", 0.01).Attr("min", 0)
		default:
			in = in.Attr("min", 0)
		}
		input = in
	}
	return el("div").Class("field field-"+name).Title(f.Usage).Body(
		el("label").Attr("for", id).Text(labelIn(name, c)),
		input,
	)
}

// labelIn is labelOf(name), saying "per host" where several hosts make
// the difference.
func labelIn(name string, c sim.Config) string {
	if name == "workers" && c.Hosts > 1 {
		return "workers per host"
	}
	return labelOf(name)
}

// labelOf is the control's visible name; a setting added to the engine
// later shows under its own name.
func labelOf(name string) string {
	if l, ok := label[name]; ok {
		return l
	}
	return name
}

func choices(name string) []string {
	switch name {
	case "dist":
		return sim.Dists
	case "balancer":
		return sim.Balancers
	case "mode":
		return sim.Modes
	case "arrivals":
		return sim.Arrivals
	case "coalesce":
		return sim.Coalesces
	case "host-balancer":
		return sim.HostBalancers
	}
	return nil
}

// modeLabel names the cache mode on the button that steps through them.
func modeLabel(mode string) string {
	return "Cache: " + modeNames[mode]
}

// modeNames name the cache modes plainly, on the play bar's button.
var modeNames = map[string]string{
	"local":       "per worker",
	"shared":      "shared",
	"tiered":      "tiered (worker + shared)",
	"host":        "per host",
	"tiered-host": "tiered (worker + host)",
}

// modeCycle is the order the play bar's mode button steps through: the
// three single-host modes, and with several hosts the two per-host ones too.
func modeCycle(hosts int) []string {
	if hosts > 1 {
		return []string{"local", "shared", "tiered", "host", "tiered-host"}
	}
	return []string{"local", "shared", "tiered"}
}

// nextMode is the mode after mode in the cycle; a host mode on one host
// steps back to per worker.
func nextMode(mode string, hosts int) string {
	modes := modeCycle(hosts)
	for i, m := range modes {
		if m == mode {
			return modes[(i+1)%len(modes)]
		}
	}
	return "local"
}

// modeTitle says where the mode button goes from here.
func modeTitle(mode string, hosts int) string {
	next := nextMode(mode, hosts)
	return "cache mode: " + modeNames[mode] + "; next: " + modeNames[next] + " (the full list is under Settings, cache mode)"
}
