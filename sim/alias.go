package sim

import "math/rand/v2"

// alias draws an index with given weights in O(1) per draw (Vose's alias method).
type alias struct {
	prob  []float64 // chance of keeping column i rather than taking alias[i]
	alias []uint32
}

// newAlias builds the table for weights, which must be positive.
func newAlias(weights []float64) alias {
	n := len(weights)
	a := alias{prob: make([]float64, n), alias: make([]uint32, n)}
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	scaled := make([]float64, n)
	small := make([]uint32, 0, n)
	large := make([]uint32, 0, n)
	for i, w := range weights {
		scaled[i] = w * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, uint32(i))
		} else {
			large = append(large, uint32(i))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		a.prob[s], a.alias[s] = scaled[s], l
		scaled[l] = scaled[l] + scaled[s] - 1
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range large {
		a.prob[i] = 1
	}
	for _, i := range small { // left over only through rounding
		a.prob[i] = 1
	}
	return a
}

// draw picks an index using one 64-bit random number: the high half chooses
// the column, the low half decides between it and its alias.
func (a alias) draw(r *rand.Rand) int {
	u := r.Uint64()
	i := int((u >> 32) * uint64(len(a.prob)) >> 32)
	if float64(u&0xffffffff)*(1.0/(1<<32)) < a.prob[i] {
		return i
	}
	return int(a.alias[i])
}
