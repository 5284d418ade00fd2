package sim

// lru is a fixed-size least-recently-used cache of int keys that behaves as
// golang-lru's simplelru.LRU[int, entry] does: the same answers, the same
// recency, the same departures reported in the same order (a Purge reports
// them oldest first, where simplelru's order is its map's). It is the
// engine's cache because it is cheaper on the hot path: its entries live in
// one slice, linked by int32 indices, and are found through an
// open-addressing table of those indices, so a full cache reuses its evicted
// entry's slot and allocates nothing, where simplelru allocates a list
// element per insert and pays a Go map's access, assign and delete.
// lru_test.go drives both with the same operations and requires the same
// results.
type lru struct {
	size  int
	n     int    // entries held
	nodes []node // nodes[0] is the list's root: its next is the newest entry, its prev the oldest
	free  int32  // a slot left by Remove, the head of a list linked by next; 0 when none
	table []int32
	shift uint // 64 - log2(len(table)): a key's home is its Fibonacci hash's top bits
	gone  func(key int, e entry)
}

// node is one entry, linked from the newest to the oldest through next.
type node struct {
	key        int
	prev, next int32
	val        entry
}

// newLRU makes a cache of size entries whose every departure (eviction,
// removal, purge) is reported to gone, so the engine can count copies of
// each key. size must be positive.
func newLRU(size int, gone func(key int, e entry)) *lru {
	if size <= 0 {
		panic("sim: an lru must have a positive size") // sizes are validated before this point
	}
	c := &lru{size: size, nodes: make([]node, 1, min(size, 64)+1), gone: gone}
	c.resize(min(16, tableLen(size)))
	return c
}

// tableLen is the table a cache of size entries needs at most: a power of
// two at least twice the size, so probes stay short.
func tableLen(size int) int {
	n := 8
	for n < 2*size {
		n *= 2
	}
	return n
}

// resize makes the table n (a power of two) long and indexes every entry.
func (c *lru) resize(n int) {
	c.table = make([]int32, n)
	c.shift = 64
	for ; n > 1; n /= 2 {
		c.shift--
	}
	for x := c.nodes[0].next; x != 0; x = c.nodes[x].next {
		i, _ := c.find(c.nodes[x].key)
		c.table[i] = x
	}
}

func (c *lru) home(key int) int { return int(uint64(key) * 0x9e3779b97f4a7c15 >> c.shift) }

// find returns where key is in the table and its slot, or where it would go
// and 0. The table is never full, so the probe ends.
func (c *lru) find(key int) (int, int32) {
	table, nodes := c.table, c.nodes // locals: the compiler reloads fields after each store
	mask := len(table) - 1
	for i := c.home(key); ; i = (i + 1) & mask {
		if x := table[i]; x == 0 || nodes[x].key == key {
			return i, x
		}
	}
}

// unindex empties table position i, moving back the entries after it that
// would no longer be found (deletion by backward shift: no tombstones).
func (c *lru) unindex(i int) {
	table, nodes := c.table, c.nodes
	mask := len(table) - 1
	for j := (i + 1) & mask; ; j = (j + 1) & mask {
		x := table[j]
		if x == 0 {
			break
		}
		// x may fill the hole unless its home lies after i, up to j
		if h := c.home(nodes[x].key); (j-h)&mask >= (j-i)&mask {
			table[i] = x
			i = j
		}
	}
	table[i] = 0
}

// toFront makes slot x, which is not the newest, the most recently used.
func (c *lru) toFront(x int32) {
	nodes := c.nodes
	nd := &nodes[x]
	prev, next, first := nd.prev, nd.next, nodes[0].next
	nodes[prev].next = next
	nodes[next].prev = prev
	nd.prev, nd.next = 0, first
	nodes[first].prev = x
	nodes[0].next = x
}

// push links slot x in as the newest.
func (c *lru) push(x int32) {
	nodes := c.nodes
	first := nodes[0].next
	nodes[x].prev, nodes[x].next = 0, first
	nodes[first].prev = x
	nodes[0].next = x
}

// Add stores v under key as the most recently used, and reports whether the
// oldest entry was evicted to make room.
func (c *lru) Add(key int, v entry) bool {
	i, x := c.find(key)
	if x != 0 {
		c.nodes[x].val = v
		if c.nodes[0].next != x {
			c.toFront(x)
		}
		return false
	}
	if c.n < c.size {
		if 2*(c.n+1) > len(c.table) {
			c.resize(2 * len(c.table))
			i, _ = c.find(key)
		}
		if x = c.free; x != 0 {
			c.free = c.nodes[x].next
		} else {
			x = int32(len(c.nodes))
			c.nodes = append(c.nodes, node{})
		}
		c.n++
		c.nodes[x] = node{key: key, val: v}
		c.table[i] = x
		c.push(x)
		return false
	}
	// Full: the oldest entry's slot takes the new one. The table holds both
	// keys for a moment (it has room), then the old one's place is emptied.
	x = c.nodes[0].prev
	nd := &c.nodes[x]
	oldKey, oldVal := nd.key, nd.val
	j, _ := c.find(oldKey)
	c.table[i] = x
	nd.key, nd.val = key, v
	c.unindex(j)
	if c.nodes[0].next != x {
		c.toFront(x)
	}
	if c.gone != nil {
		c.gone(oldKey, oldVal)
	}
	return true
}

// Get returns key's value and makes it the most recently used.
func (c *lru) Get(key int) (entry, bool) {
	if _, x := c.find(key); x != 0 {
		if c.nodes[0].next != x {
			c.toFront(x)
		}
		return c.nodes[x].val, true
	}
	return entry{}, false
}

// Peek returns key's value without changing recency.
func (c *lru) Peek(key int) (entry, bool) {
	_, x := c.find(key)
	return c.nodes[x].val, x != 0 // nodes[0].val is the zero entry
}

// Contains reports whether key is held, without changing recency.
func (c *lru) Contains(key int) bool {
	_, x := c.find(key)
	return x != 0
}

// Remove drops key, and reports whether it was held.
func (c *lru) Remove(key int) bool {
	i, x := c.find(key)
	if x == 0 {
		return false
	}
	c.unindex(i)
	old := c.nodes[x]
	c.nodes[old.prev].next = old.next
	c.nodes[old.next].prev = old.prev
	c.nodes[x] = node{next: c.free}
	c.free = x
	c.n--
	if c.gone != nil {
		c.gone(old.key, old.val)
	}
	return true
}

// Purge drops every entry, reporting them oldest first.
func (c *lru) Purge() {
	if c.gone != nil {
		for x := c.nodes[0].prev; x != 0; x = c.nodes[x].prev {
			c.gone(c.nodes[x].key, c.nodes[x].val)
		}
	}
	clear(c.table)
	c.nodes = c.nodes[:1]
	c.nodes[0] = node{}
	c.free = 0
	c.n = 0
}

// Len is the number of entries held.
func (c *lru) Len() int { return c.n }

// Keys lists the keys from the oldest to the newest.
func (c *lru) Keys() []int {
	keys := make([]int, 0, c.n)
	for x := c.nodes[0].prev; x != 0; x = c.nodes[x].prev {
		keys = append(keys, c.nodes[x].key)
	}
	return keys
}
