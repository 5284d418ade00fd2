package sim

import (
	"hash/fnv"
	"slices"
	"strconv"
)

// keyHashVnodes is how many points each worker has on the ring.
const keyHashVnodes = 64

// keyHash routes each key to one worker by consistent hashing with virtual
// nodes, like nginx's `hash $request_uri consistent`: a key always meets the
// same worker's cache.
type keyHash struct {
	ring   []uint64 // sorted hashes of the virtual nodes
	owners []int32  // owners[i] is the worker of ring[i]: no map lookup per request
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
	return int(h.owners[i])
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
