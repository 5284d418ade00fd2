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
		for range k {
			x &= x - 1 // drop the lowest member
		}
		return w<<6 + bits.TrailingZeros64(x)
	}
	panic("sim: idle set has too few members")
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
