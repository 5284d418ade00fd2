package web

// optionWords names the choices whose engine names say little to a
// newcomer, by setting and choice; the value sent stays the engine's name.
var optionWords = map[string]string{
	"mode/local":               "per worker: lru_cache in each worker",
	"mode/shared":              "shared: one cache for every worker",
	"mode/tiered":              "tiered: lru_cache, then one shared cache",
	"mode/host":                "per host: one cache per host, shared by its workers",
	"mode/tiered-host":         "tiered per host: lru_cache, then the host's cache",
	"host-balancer/roundrobin": "roundrobin: each host in turn (nginx's default)",
	"host-balancer/leastconn":  "leastconn: the host with fewest requests",
	"host-balancer/random":     "random: any host",
	"host-balancer/keyhash":    "keyhash: by key (nginx's hash $request_uri consistent)",
}

// optionText is the visible text of choice v of setting name.
func optionText(name, v string) string {
	if w, ok := optionWords[name+"/"+v]; ok {
		return w
	}
	return v
}
