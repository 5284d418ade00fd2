package sim

import "math/rand/v2"

// alias draws an index with given weights in O(1) per draw (Vose's alias method).
type alias struct{ cols []column }

// column i keeps i when the low 32 random bits fall below keep, else gives alias.
// A column that always keeps has itself as alias, so no special case is needed.
type column struct {
	keep  uint32
	alias uint32
}

// newAlias builds the table for weights, which must be positive.
func newAlias(weights []float64) alias {
	n := len(weights)
	prob := make([]float64, n)
	a := alias{cols: make([]column, n)}
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
		prob[s] = scaled[s]
		a.cols[s].alias = l
		scaled[l] = scaled[l] + scaled[s] - 1
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(large, small...) { // small is left over only through rounding
		prob[i] = 1
	}
	for i, p := range prob {
		if p >= 1 {
			a.cols[i] = column{keep: 1<<32 - 1, alias: uint32(i)}
		} else {
			a.cols[i].keep = uint32(p * (1 << 32))
		}
	}
	return a
}

// draw picks an index using one 64-bit random number.
func (a alias) draw(r *rand.Rand) int { return a.index(r.Uint64()) }

// index is the index the random number u draws: its high half chooses the
// column, its low half decides between it and its alias.
func (a *alias) index(u uint64) int {
	i := int((u >> 32) * uint64(len(a.cols)) >> 32)
	if c := a.cols[i]; uint32(u) >= c.keep {
		return int(c.alias)
	}
	return i
}
