// Package sim is a deterministic model of a pre-fork web server whose workers
// each keep their own LRU cache, with an optional shared cache in front of the origin.
//
//	s, err := sim.New(sim.Default())
//	if err != nil { ... }
//	s.Run(100_000)
//	fmt.Println(s.Stats().Total.Hits)
//
// Time is an integer count of microseconds, advanced by a discrete-event
// loop; every random choice draws from a stream seeded by Config.Seed, so the
// same Config gives the same run.
package sim
