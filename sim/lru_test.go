package sim

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// The engine's lru is golang-lru's simplelru in behaviour: driven with the
// same operations, the two give the same answers, hold the same keys in the
// same order, and report the same departures in the same order (with the
// length each shows at that moment). A Purge's departures are compared as a
// set: simplelru reports them in its map's order, which Go randomises.

// departure is one call of a cache's departure callback.
type departure struct {
	key int
	e   entry
	len int // the cache's Len during the call
}

// lruPair drives our lru and simplelru side by side.
type lruPair struct {
	ours              *lru
	theirs            *simplelru.LRU[int, entry]
	gotGone, wantGone []departure
}

func newLRUPair(size int) *lruPair {
	p := &lruPair{}
	p.ours = newLRU(size, func(k int, e entry) { p.gotGone = append(p.gotGone, departure{k, e, p.ours.Len()}) })
	p.theirs, _ = simplelru.NewLRU(size, func(k int, e entry) {
		p.wantGone = append(p.wantGone, departure{k, e, p.theirs.Len()})
	})
	return p
}

// Operations on a cache.
const (
	opGet = iota
	opAdd
	opRemove
	opPeek
	opContains
	opKeys
	opPurge
	ops
)

var opNames = [ops]string{"Get", "Add", "Remove", "Peek", "Contains", "Keys", "Purge"}

// do applies op to both caches and fails t at the first difference.
func (p *lruPair) do(t *testing.T, step, op, key int, v entry) {
	t.Helper()
	type result struct {
		e  entry
		ok bool
	}
	var got, want result
	switch op {
	case opGet:
		got.e, got.ok = p.ours.Get(key)
		want.e, want.ok = p.theirs.Get(key)
	case opAdd:
		got.ok, want.ok = p.ours.Add(key, v), p.theirs.Add(key, v)
	case opRemove:
		got.ok, want.ok = p.ours.Remove(key), p.theirs.Remove(key)
	case opPeek:
		got.e, got.ok = p.ours.Peek(key)
		want.e, want.ok = p.theirs.Peek(key)
	case opContains:
		got.ok, want.ok = p.ours.Contains(key), p.theirs.Contains(key)
	case opKeys:
		if g, w := p.ours.Keys(), p.theirs.Keys(); !slices.Equal(g, w) {
			t.Fatalf("step %d: Keys() = %v; want %v", step, g, w)
		}
	case opPurge:
		p.ours.Purge()
		p.theirs.Purge()
		order := func(a, b departure) int { return a.key - b.key }
		slices.SortFunc(p.gotGone, order)
		slices.SortFunc(p.wantGone, order)
	}
	if got != want {
		t.Fatalf("step %d: %s(%d) = %+v; want %+v", step, opNames[op], key, got, want)
	}
	if !slices.Equal(p.gotGone, p.wantGone) {
		t.Fatalf("step %d: %s(%d) reported departures %+v; want %+v", step, opNames[op], key, p.gotGone, p.wantGone)
	}
	if g, w := p.ours.Len(), p.theirs.Len(); g != w {
		t.Fatalf("step %d: after %s(%d) Len() = %d; want %d", step, opNames[op], key, g, w)
	}
	p.gotGone, p.wantGone = p.gotGone[:0], p.wantGone[:0]
}

// randomOp draws an operation, mostly Get and Add as the engine's, now and
// then a Purge.
func randomOp(r *rand.Rand) int {
	switch x := r.IntN(100); {
	case x < 35:
		return opGet
	case x < 75:
		return opAdd
	case x < 99:
		return opRemove + r.IntN(opKeys-opRemove+1)
	}
	return opPurge
}

func TestLRUMatchesSimplelru(t *testing.T) {
	for _, size := range []int{1, 2, 3, 5, 8, 17, 100, 1000} {
		for _, spread := range []int{size/2 + 1, size + 1, 2 * size, 10 * size} {
			for _, stride := range []int{1, 1 << 16, -7} { // keys far apart and negative keys probe the table differently
				p := newLRUPair(size)
				r := rand.New(rand.NewPCG(uint64(size), uint64(spread*stride)))
				for step := range 20_000 {
					v := entry{version: r.Uint32(), filled: int64(step), at: r.Int64()}
					p.do(t, step, randomOp(r), r.IntN(spread)*stride, v)
				}
				p.do(t, -1, opKeys, 0, entry{})
			}
		}
	}
}

// Random operation sequences keep the two caches in step.
func FuzzLRU(f *testing.F) {
	f.Add(uint8(3), []byte{1, 0, 1, 1, 1, 2, 1, 3, 0, 0, 1, 4, 5, 0, 2, 3, 6, 0, 1, 9})
	f.Add(uint8(1), []byte{1, 7, 1, 8, 0, 7, 2, 8, 1, 7, 5, 0})
	f.Add(uint8(16), []byte{1, 1, 1, 17, 1, 33, 1, 49, 2, 1, 0, 33, 0, 49, 1, 65, 5, 0})
	f.Fuzz(func(t *testing.T, size uint8, script []byte) {
		p := newLRUPair(1 + int(size)%32)
		for i := 0; i+1 < len(script); i += 2 {
			v := entry{version: uint32(i), filled: int64(script[i]), at: int64(i) * 7}
			p.do(t, i/2, int(script[i])%ops, int(script[i+1]), v)
		}
		p.do(t, -1, opKeys, 0, entry{})
	})
}

// A full cache reuses the slots it evicts: adding allocates nothing.
func TestLRUFullAllocatesNothing(t *testing.T) {
	c := newLRU(100, func(int, entry) {})
	for k := range 200 {
		c.Add(k, entry{})
	}
	k := 200
	allocs := testing.AllocsPerRun(10_000, func() {
		c.Add(k, entry{})
		c.Get(k - 50)
		c.Remove(k - 10)
		k++
	})
	if allocs != 0 {
		t.Errorf("%.2f allocations per Add, Get and Remove on a full cache; want 0", allocs)
	}
}
