package view

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func ringConfig(t *testing.T, q string) sim.Config {
	t.Helper()
	c, err := sim.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// With keyhash and a host out, the ring says for every key what nginx's
// ring says: its home, and the next host up on the ring when home is out.
func TestRingKeyHashMoves(t *testing.T) {
	c := ringConfig(t, "hosts=4&workers=2&mode=host&host-balancer=keyhash&keys=5000")
	r := NewRing(c, []int{1, 3})
	ring := sim.HostRing(4)
	up := func(h int) bool { return h != 1 && h != 3 }
	moved, owned, to := 0, make([]int, 4), make([]int, 4)
	for k := range c.Keys {
		home := ring.Pick(sim.KeyURI(k))
		now := home
		if !up(home) {
			now = ring.PickUp(sim.KeyURI(k), up)
			moved++
			to[now]++
		}
		owned[now]++
		if k < RingHot {
			if got := r.Hot[k]; got != (RingKey{k, home, now}) {
				t.Errorf("key %d: got %+v; want home %d, now %d", k, got, home, now)
			}
		}
	}
	if r.Moved != moved || r.Counted != c.Keys {
		t.Errorf("moved %d of %d; want %d of %d", r.Moved, r.Counted, moved, c.Keys)
	}
	for h := range 4 {
		if r.Owned[h] != owned[h] || r.MovedTo[h] != to[h] {
			t.Errorf("host %d: owns %d, took %d; want %d, %d", h, r.Owned[h], r.MovedTo[h], owned[h], to[h])
		}
	}
	if r.Owned[1] != 0 || r.Owned[3] != 0 || r.MovedTo[0]+r.MovedTo[2] != moved {
		t.Errorf("hosts out still own keys: %v, took %v", r.Owned, r.MovedTo)
	}
	if len(r.Movers()) == 0 || len(r.On(1)) != 0 || len(r.Left(1))+len(r.Left(3)) != len(r.Movers()) {
		t.Errorf("hot keys: %d moved, %d on host 1, %d+%d left hosts 1 and 3", len(r.Movers()), len(r.On(1)), len(r.Left(1)), len(r.Left(3)))
	}
}

// The engine sends each request where the ring says, before and during
// a host's outage: the view's ring is the engine's routing.
func TestRingIsTheEngines(t *testing.T) {
	c := ringConfig(t, "hosts=3&workers=2&mode=host&host-balancer=keyhash&keys=500&clients=4&outage=host1@1s-1h")
	s, err := sim.New(c)
	if err != nil {
		t.Fatal(err)
	}
	checked := map[bool]int{}
	var began int64 // the request after which host 1 went out
	for range 20000 {
		e := s.Step()
		down := s.Stats().Hosts[1].Down
		if down && began == 0 {
			began = e.Seq
		}
		if e.Seq%7 != 0 || down && e.Seq <= began+int64(c.Clients) { // requests routed before it went out
			continue
		}
		v := Refresh(Snapshot("t", 0, s, nil), 0, s, nil)
		if got := len(v.Ring.Down) > 0; got != down {
			t.Fatalf("request %d: ring shows hosts out %v; host 1 down %v", e.Seq, v.Ring.Down, down)
		}
		if e.Key < RingHot {
			if now := v.Ring.Hot[e.Key].Now; now != e.Host {
				t.Errorf("request %d for k%d served by host %d; the ring says host %d (out: %v)", e.Seq, e.Key, e.Host, now, v.Ring.Down)
			}
			checked[down]++
		}
	}
	if checked[false] == 0 || checked[true] == 0 {
		t.Fatalf("checked %d requests before the outage, %d during it; want some of each", checked[false], checked[true])
	}
}

func TestRingWords(t *testing.T) {
	tests := []struct {
		q    string
		down []int
		want []string
	}{
		{"hosts=3&host-balancer=keyhash&keys=1000", nil, []string{"gives each key one host: host 0 ", "When a host goes out, only its keys move"}},
		{"hosts=3&host-balancer=keyhash&keys=1000", []int{2}, []string{"Host 2 out: ", " of the 40 hottest keys moved, all from host 2: to host ", "Of all 1,000 keys, ", "stay where they are cached"}},
		{"hosts=3&host-balancer=roundrobin&keys=1000", []int{1}, []string{"roundrobin: no key has a host of its own", "Host 1 out: its share of all 1,000 keys (33.3% of requests) spreads over hosts 0 and 2. With keyhash only "}},
		{"hosts=4&host-balancer=random&keys=200000", []int{0, 3}, []string{"Hosts 0 and 3 out: their share of the 100,000 most requested keys"}},
		{"hosts=2&host-balancer=keyhash", []int{0, 1}, []string{"Every host is out"}},
	}
	for _, tt := range tests {
		got := NewRing(ringConfig(t, tt.q), tt.down).Words()
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s, down %v: %q; want it to contain %q", tt.q, tt.down, got, w)
			}
		}
	}
}
