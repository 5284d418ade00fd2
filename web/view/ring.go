package view

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cachepit/cachepit/sim"
)

// Ring is where the host balancer sends the keys, and which keys moved
// because hosts are out. With keyhash each key has a home host on nginx's
// consistent ring (sim.HostRing) and only the keys of a host that is out
// walk on to the next host up on the ring; any other host balancer gives
// every host every key, so a host going out spreads its share of all of
// them.
type Ring struct {
	Balancer string    // the host balancer
	Hosts    int       // hosts behind it
	Keys     int       // keys in the key space
	Down     []int     // hosts out now, in order
	Counted  int       // keys counted: all of them, up to RingMaxKeys
	Owned    []int     // keyhash: per host, the counted keys it serves now
	Moved    int       // keyhash: counted keys whose home is out, now on another host
	MovedTo  []int     // keyhash: per host, the moved keys it took
	Stray    int       // keyhash: moved keys no host up on the ring took (nginx then falls back to round robin)
	Share    float64   // the moved keys' share of requests (keyhash), or the out hosts' share (other balancers)
	IfHash   int       // other balancers: the keys keyhash would move with the same hosts out
	Hot      []RingKey // the RingHot most requested keys, k0 first
}

// RingKey is one key's host with every host up, and now.
type RingKey struct {
	Key  int
	Home int // its host with every host up
	Now  int // its host now; -1 when no host up on the ring takes it
}

// RingHot is how many of the most requested keys the hosts list by name.
const RingHot = 40

// RingMaxKeys bounds the keys counted, so that a host going out costs the
// page a few milliseconds even with millions of keys: the lowest keys are
// the most requested under every distribution, so they are the ones counted.
const RingMaxKeys = 100_000

// KeyHash reports whether keys have a home host.
func (r Ring) KeyHash() bool { return r.Balancer == "keyhash" }

// Movers lists the hot keys that moved, by the host they moved from.
func (r Ring) Movers() []RingKey {
	var out []RingKey
	for _, k := range r.Hot {
		if k.Home != k.Now {
			out = append(out, k)
		}
	}
	return out
}

// On lists the hot keys host h serves now.
func (r Ring) On(h int) []RingKey {
	var out []RingKey
	for _, k := range r.Hot {
		if k.Now == h {
			out = append(out, k)
		}
	}
	return out
}

// Left lists the hot keys whose home is host h when h is out.
func (r Ring) Left(h int) []RingKey {
	var out []RingKey
	for _, k := range r.Hot {
		if k.Home == h && k.Now != h {
			out = append(out, k)
		}
	}
	return out
}

// ringMemo keeps the last rings computed: a ring changes only when a host
// goes out or comes back, and Refresh runs every frame.
var ringMemo struct {
	sync.Mutex
	m map[string]Ring
}

// refreshRing is old while the same hosts are out, else the ring of c
// with the hosts of st that are out now.
func refreshRing(old Ring, c sim.Config, st sim.Stats) Ring {
	if c.Hosts < 2 || len(st.Hosts) != c.Hosts {
		return Ring{}
	}
	if old.Hosts == c.Hosts {
		same, n := true, 0
		for _, h := range st.Hosts {
			if h.Down {
				same = same && n < len(old.Down) && old.Down[n] == h.ID
				n++
			}
		}
		if same && n == len(old.Down) {
			return old
		}
	}
	return ringOf(c, st)
}

// ringOf is the ring of c with the hosts of st that are out; zero without
// several hosts.
func ringOf(c sim.Config, st sim.Stats) Ring {
	if c.Hosts < 2 || len(st.Hosts) != c.Hosts {
		return Ring{}
	}
	var down []int
	for _, h := range st.Hosts {
		if h.Down {
			down = append(down, h.ID)
		}
	}
	id := fmt.Sprint(c.HostBalancer, c.Hosts, c.Keys, c.Dist, c.Alpha, c.HotKeys, c.HotTraffic, down)
	ringMemo.Lock()
	defer ringMemo.Unlock()
	if r, ok := ringMemo.m[id]; ok {
		return r
	}
	r := NewRing(c, down)
	if len(ringMemo.m) >= 16 {
		ringMemo.m = nil
	}
	if ringMemo.m == nil {
		ringMemo.m = map[string]Ring{}
	}
	ringMemo.m[id] = r
	return r
}

// NewRing counts where c's keys go with the hosts in down out.
func NewRing(c sim.Config, down []int) Ring {
	r := Ring{Balancer: c.HostBalancer, Hosts: c.Hosts, Keys: c.Keys, Down: slices.Clone(down), Counted: min(c.Keys, RingMaxKeys)}
	out := make([]bool, c.Hosts)
	for _, h := range down {
		out[h] = true
	}
	up := func(h int) bool { return !out[h] }
	pop := sim.Popularity(c)
	ring := sim.HostRing(c.Hosts)
	hot := min(RingHot, c.Keys)
	keyhash := r.KeyHash()
	if keyhash {
		r.Owned, r.MovedTo = make([]int, c.Hosts), make([]int, c.Hosts)
	}
	for k := range r.Counted {
		uri := sim.KeyURI(k)
		home := ring.Pick(uri)
		now := home
		if out[home] {
			now = ring.PickUp(uri, up)
		}
		if k < hot {
			rk := RingKey{Key: k, Home: home, Now: now}
			if !keyhash { // no key has a home: every host up serves it
				rk.Home, rk.Now = -1, -1
			}
			r.Hot = append(r.Hot, rk)
		}
		if now == home {
			if keyhash {
				r.Owned[home]++
			}
			continue
		}
		if !keyhash {
			r.IfHash++
			continue
		}
		r.Moved++
		r.Share += pop[k]
		if now < 0 {
			r.Stray++
		} else {
			r.Owned[now]++
			r.MovedTo[now]++
		}
	}
	if !keyhash {
		r.Share = float64(len(down)) / float64(c.Hosts)
	}
	return r
}

// Words says where the keys go: what moved, from where to where, with
// counts, or what would move.
func (r Ring) Words() string {
	if r.Hosts < 2 {
		return ""
	}
	of := "all " + Count(r.Counted) + " keys"
	if r.Counted < r.Keys {
		of = fmt.Sprintf("the %s most requested keys", Count(r.Counted))
	}
	if len(r.Down) == r.Hosts {
		return "Every host is out: nginx has nowhere to send a request and answers 502."
	}
	if !r.KeyHash() {
		s := fmt.Sprintf("%s: no key has a host of its own, every host gets every key, so every host caches the same popular keys.", r.Balancer)
		if len(r.Down) == 0 {
			return s + " When a host goes out, its share of every key spreads over the others."
		}
		its := "its"
		if len(r.Down) > 1 {
			its = "their"
		}
		return s + fmt.Sprintf(" %s out: %s share of %s (%s of requests) spreads over %s. With keyhash only %s of them would move.",
			capital(hostList(r.Down)), its, of, Pct(r.Share), hostList(r.up()), Count(r.IfHash))
	}
	if len(r.Down) == 0 {
		parts := make([]string, r.Hosts)
		for h, n := range r.Owned {
			parts[h] = fmt.Sprintf("host %d %s", h, Count(n))
		}
		return "keyhash (nginx's consistent hash) gives each key one host: " + strings.Join(parts, ", ") +
			" keys. When a host goes out, only its keys move, to the next host up on the ring."
	}
	movers := r.Movers()
	s := fmt.Sprintf("%s out: %d of the %d hottest keys moved, all from %s", capital(hostList(r.Down)), len(movers), len(r.Hot), hostList(r.Down))
	if len(movers) > 0 {
		s += ": to " + r.destinations(movers)
	}
	s += fmt.Sprintf(". Of %s, %s moved (%s of requests) and miss once on their new host; the other %s stay where they are cached.",
		of, Count(r.Moved), Pct(r.Share), Count(r.Counted-r.Moved))
	if r.Stray > 0 {
		s += fmt.Sprintf(" %s found no host up within 20 points of the ring and go round robin, as nginx does.", Count(r.Stray))
	}
	return s
}

// destinations is "host 2 (7), host 0 (5)": where the keys went, most first.
func (r Ring) destinations(keys []RingKey) string {
	to := make([]int, r.Hosts)
	stray := 0
	for _, k := range keys {
		if k.Now < 0 {
			stray++
		} else {
			to[k.Now]++
		}
	}
	hosts := make([]int, 0, r.Hosts)
	for h, n := range to {
		if n > 0 {
			hosts = append(hosts, h)
		}
	}
	slices.SortStableFunc(hosts, func(a, b int) int { return to[b] - to[a] })
	var parts []string
	for _, h := range hosts {
		parts = append(parts, fmt.Sprintf("host %d (%d)", h, to[h]))
	}
	if stray > 0 {
		parts = append(parts, fmt.Sprintf("round robin (%d)", stray))
	}
	return strings.Join(parts, ", ")
}

func (r Ring) up() []int {
	var out []int
	for h := range r.Hosts {
		if !slices.Contains(r.Down, h) {
			out = append(out, h)
		}
	}
	return out
}

// hostList is "host 1", "hosts 0 and 2", "hosts 0, 1 and 3", or "no host".
func hostList(hs []int) string {
	switch len(hs) {
	case 0:
		return "no host"
	case 1:
		return fmt.Sprintf("host %d", hs[0])
	}
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = fmt.Sprint(h)
	}
	return "hosts " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
