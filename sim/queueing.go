package sim

// Queueing is what queueing theory says about a configuration with open
// (Poisson) arrivals, from the cost model and Che's hit ratios. Requests of
// each path (local hit, shared hit, origin fetch, write) cost a fixed time,
// so service times are a mix of a few constants. Recycling boots, timeouts,
// deploys, an origin pool, TTLs and the misses that follow a write are left
// out, as in the hit ratios.
// Every figure is 0 with closed arrivals, whose load depends on the answers.
type Queueing struct {
	Service     float64 // mean service time of a request, µs
	Utilization float64 // rate × Service / (Hosts × Workers × Threads): each thread's busy fraction
	Queue       string  // "M/D/1" (every request costs the same) or "M/G/1" for one sync worker; "" when no formula applies
	Response    float64 // with Queue: the mean response time by Pollaczek–Khinchine, µs; 0 when Utilization ≥ 1
	ResponseMM1 float64 // with Queue: the mean response time if service times were exponential with the same mean (M/M/1), µs
}

// queueing works out p's queueing figures for c.
func queueing(c Config, p Prediction) Queueing {
	if c.Arrivals != "poisson" {
		return Queueing{}
	}
	var mean, square float64 // E[S] and E[S²]
	first, fixed := -1.0, true
	for _, x := range servicePaths(c, p) {
		if x.p <= 0 {
			continue
		}
		mean += x.p * x.us
		square += x.p * x.us * x.us
		if first < 0 {
			first = x.us
		}
		fixed = fixed && x.us == first
	}
	threads := max(c.Hosts, 1) * c.Workers * c.Threads // every host runs Workers workers
	q := Queueing{Service: mean, Utilization: c.Rate / 1e6 * mean / float64(threads)}
	if threads != 1 {
		return q
	}
	q.Queue = "M/G/1"
	if fixed {
		q.Queue = "M/D/1"
	}
	if rho := q.Utilization; rho < 1 {
		lambda := c.Rate / 1e6 // per µs
		q.Response = mean + lambda*square/(2*(1-rho))
		q.ResponseMM1 = mean / (1 - rho)
	}
	return q
}

// servicePath is one way through a request: its probability and its cost.
type servicePath struct{ p, us float64 }

// servicePaths lists the paths a request of c takes, as the engine costs
// them: the application's cpu, then the lookups and the fetch.
func servicePaths(c Config, p Prediction) []servicePath {
	cpu := float64(c.Cost.CPU)
	local, shared, origin := float64(c.Cost.Local), 0.0, float64(c.Cost.Origin)
	if c.HasShared() {
		shared = float64(c.Cost.Shared)
	}
	reads := 1 - c.Writes
	write := servicePath{c.Writes, cpu + origin + shared}
	own := p.PerWorker // a worker's own cache
	if p.KeyHash {
		own = p.Routed
	}
	if c.Hosts > 1 && c.Mode == "local" {
		own = p.HitRatio // the host balancer decides which keys each host's workers see
	}
	switch c.Mode {
	case "host": // the host's cache, a round trip on localhost, stands where the shared cache would
		host := float64(c.Cost.Host)
		return []servicePath{{c.Writes, cpu + origin + host},
			{reads * p.HitRatio, cpu + host},
			{reads * (1 - p.HitRatio), cpu + host + origin}}
	case "tiered-host":
		host := float64(c.Cost.Host)
		both := max(p.HitRatio, own)
		return []servicePath{{c.Writes, cpu + origin + host},
			{reads * own, cpu + local},
			{reads * (both - own), cpu + local + host},
			{reads * (1 - both), cpu + local + host + origin}}
	case "shared":
		return []servicePath{write,
			{reads * p.Shared, cpu + shared},
			{reads * (1 - p.Shared), cpu + shared + origin}}
	case "tiered":
		both := max(p.Shared, own) // a local hit is a hit of the whole system
		return []servicePath{write,
			{reads * own, cpu + local},
			{reads * (both - own), cpu + local + shared},
			{reads * (1 - both), cpu + local + shared + origin}}
	}
	return []servicePath{write,
		{reads * own, cpu + local},
		{reads * (1 - own), cpu + local + origin}}
}
