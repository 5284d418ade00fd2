package sim

// The paths a request can take; each has one modelled latency.
const (
	pathLocal  = iota // a read answered by the worker's cache
	pathShared        // a read answered by the shared cache
	pathOrigin        // a read that went to the origin
	pathWrite         // a write
	paths
)

// pathCosts gives each path's latency under c, in microseconds.
func pathCosts(c Config) [paths]int {
	local, shared := 0, 0
	if c.HasLocal() {
		local = c.Cost.Local
	}
	if c.HasShared() {
		shared = c.Cost.Shared
	}
	if c.HasHost() {
		shared = c.Cost.Host // the host cache stands where the shared one would
	}
	return [paths]int{
		pathLocal:  c.Cost.Local,
		pathShared: local + shared,
		pathOrigin: local + shared + c.Cost.Origin,
		pathWrite:  c.Cost.Origin + shared,
	}
}
