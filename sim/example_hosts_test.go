package sim_test

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
)

// Behind nginx's `hash $request_uri consistent;` with the hosts' server
// lines written as 127.0.0.1:8001, 127.0.0.1:8002, ..., the host that serves
// a key is known in advance: the engine's keyhash host balancer picks it so.
func ExampleHostRing() {
	ring := sim.HostRing(3)
	for k := range 4 {
		fmt.Println(sim.KeyURI(k), "->", sim.HostAddr(ring.Pick(sim.KeyURI(k))))
	}
	c := sim.Default()
	c.Hosts, c.HostBalancer = 3, "keyhash"
	s, _ := sim.New(c)
	ev := s.Step()
	fmt.Println(sim.KeyURI(ev.Key), "served by host", ev.Host, "=", sim.HostAddr(ring.Pick(sim.KeyURI(ev.Key))))
	// Output:
	// /item/0 -> 127.0.0.1:8001
	// /item/1 -> 127.0.0.1:8002
	// /item/2 -> 127.0.0.1:8002
	// /item/3 -> 127.0.0.1:8001
	// /item/54 served by host 0 = 127.0.0.1:8001
}
