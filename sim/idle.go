package sim

import "math/bits"

// idleSet is a host's workers that have a free thread and are up, as a
// bitmask over their 0-based places in the host, so that the accept race
// finds the k-th idle worker without scanning every worker.
type idleSet [MaxWorkers / 64]uint64

func (b *idleSet) add(i int)    { b[i>>6] |= 1 << (i & 63) }
func (b *idleSet) remove(i int) { b[i>>6] &^= 1 << (i & 63) }

// nth is the k-th member (from 0) in increasing order; there must be more
// than k members.
func (b *idleSet) nth(k int) int {
	for w, x := range b {
		if c := bits.OnesCount64(x); k >= c {
			k -= c
			continue
		}
		return w<<6 + selectBit(x, k)
	}
	panic("sim: idle set has too few members")
}

// selectBit is the position of the k-th (from 0) set bit of x, found by
// halving: six population counts.
func selectBit(x uint64, k int) int {
	pos := 0
	for w := 32; w > 0; w >>= 1 {
		if low := bits.OnesCount64(x & (1<<w - 1)); k >= low {
			k -= low
			x >>= w
			pos += w
		}
	}
	return pos
}

// list appends the members in increasing order to dst.
func (b *idleSet) list(dst []int32) []int32 {
	for w, x := range b {
		for ; x != 0; x &= x - 1 {
			dst = append(dst, int32(w<<6+bits.TrailingZeros64(x)))
		}
	}
	return dst
}
