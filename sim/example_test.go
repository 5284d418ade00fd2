package sim_test

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
)

// The post's three requests: the two cache_info answers disagree because
// each worker has its own cache.
func ExampleBlog() {
	steps, _ := sim.Blog("local")
	for _, s := range steps {
		fmt.Printf("%-20s worker %d  %s\n", s.Request, s.Worker, s.Answer)
	}
	// Output:
	// GET /                worker 0  {"message": "Stored"}
	// GET /get_cache_info  worker 0  {"Currsize": 1, "Hits": 0, "Maxsize": 2, "Misses": 1}
	// GET /get_cache_info  worker 1  {"Currsize": 0, "Hits": 0, "Maxsize": 2, "Misses": 0}
}

// With one shared cache, every worker gives the same answer.
func ExampleBlog_shared() {
	steps, _ := sim.Blog("shared")
	for _, s := range steps[1:] {
		fmt.Printf("worker %d  %s\n", s.Worker, s.Answer)
	}
	// Output:
	// worker 0  {"Currsize": 1, "Hits": 0, "Maxsize": 2, "Misses": 1}
	// worker 1  {"Currsize": 1, "Hits": 0, "Maxsize": 2, "Misses": 1}
}

// A write on one worker leaves the old value in another worker's cache.
func ExampleSim_Do() {
	c := sim.Default()
	c.Workers, c.Keys = 2, 10
	s, _ := sim.New(c)
	s.Do(0, 7, sim.Read)  // worker 0 caches key 7, version 0
	s.Do(1, 7, sim.Read)  // so does worker 1
	s.Do(0, 7, sim.Write) // worker 0 writes version 1 and drops its own copy
	ev, _ := s.Do(1, 7, sim.Read)
	fmt.Printf("worker %d served key %d from %s, stale: %v\n", ev.Worker, ev.Key, ev.From, ev.Stale)
	// Output:
	// worker 1 served key 7 from local, stale: true
}

// Default settings, per-worker caches against one shared cache of the same
// total memory, on the identical request stream.
func ExampleNew() {
	for _, mode := range []string{"local", "shared"} {
		c := sim.Default()
		c.Mode = mode
		s, _ := sim.New(c)
		s.Run(c.Requests)
		st := s.Stats()
		fmt.Printf("%-6s hit ratio %.3f  origin reads %6d  stale reads %5d  duplicates %d\n",
			mode, st.HitRatio, st.Origin.Reads, st.Total.Stale, st.Memory.Duplicates)
	}
	// Output:
	// local  hit ratio 0.473  origin reads  52190  stale reads 16850  duplicates 116
	// shared hit ratio 0.759  origin reads  23848  stale reads     0  duplicates 0
}
