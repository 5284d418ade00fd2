package sim

import (
	"hash/fnv"
	"slices"
	"strconv"
)

// keyHashVnodes is how many points each worker has on the ring.
const keyHashVnodes = 64

// keyHashTries is how many further points nginx's consistent hash tries
// before it falls back to round robin.
const keyHashTries = 20

// keyHash routes each key to one worker by consistent hashing with virtual
// nodes, like nginx's `hash $request_uri consistent` in front of the worker
// processes: a key always meets the same worker's cache while that worker
// accepts. A worker that accepts nothing (booting, or finishing its requests
// before its process exits) refuses the connection, and as in nginx
// (ngx_http_upstream_hash_module.c) the request walks on along the ring to
// the next point whose worker accepts; after 20 points it goes to the next
// accepting worker in turn (nginx's fallback to round robin), and when none
// accepts pick returns -1: the request waits on the host's backlog.
type keyHash struct {
	ring   []uint64 // sorted hashes of the virtual nodes
	owners []int32  // owners[i] is the worker of ring[i]: no map lookup per request
	ws     []worker // the engine's workers, read only; nil: every worker accepts
	rr     roundRobin
}

func newKeyHash(workers, vnodes int) *keyHash {
	owner := make(map[uint64]int, workers*vnodes)
	var ring []uint64
	for w := range workers {
		for v := range vnodes {
			x := hash64("worker-" + strconv.Itoa(w) + "#" + strconv.Itoa(v))
			if _, taken := owner[x]; taken {
				continue
			}
			owner[x] = w
			ring = append(ring, x)
		}
	}
	slices.Sort(ring)
	h := &keyHash{ring: ring, owners: make([]int32, len(ring))}
	for i, x := range ring {
		h.owners[i] = int32(owner[x])
	}
	return h
}

func (h *keyHash) pick(key int) int {
	x := mix64(uint64(key))
	i, _ := slices.BinarySearch(h.ring, x)
	if i == len(h.ring) {
		i = 0
	}
	w := int(h.owners[i])
	if h.ws == nil || !h.ws[w].down {
		return w
	}
	return h.walk(i)
}

// walk is the worker of the first point after point i whose worker accepts.
func (h *keyHash) walk(i int) int {
	for range keyHashTries {
		if i++; i == len(h.ring) {
			i = 0
		}
		if w := int(h.owners[i]); !h.ws[w].down {
			return w
		}
	}
	h.rr.ws = h.ws
	return h.rr.pick(-1)
}

func hash64(s string) uint64 {
	f := fnv.New64a()
	f.Write([]byte(s))
	return mix64(f.Sum64())
}

// mix64 is splitmix64's finaliser: it spreads nearby keys around the ring.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
