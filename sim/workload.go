package sim

import (
	"math/bits"
	"math/rand/v2"
)

// Seed offsets of the random streams, one per concern, so that changing the
// balancer or the mode never changes the request stream.
const (
	streamWorkload = iota + 1
	streamBalancer
	streamLifecycle
	streamArrivals
)

func newStream(seed uint64, stream uint64) *rand.Rand {
	return rand.New(newSource(seed, stream))
}

func newSource(seed uint64, stream uint64) *pcg {
	return &pcg{seed, 0x9e3779b97f4a7c15 * stream}
}

// intN is rand.New(src).IntN(n), the same number from the same source, drawn
// without rand.Rand's interface call and two calls of its own: a draw on the
// hot path costs a third as much. n must be positive. A power of two, such as
// the number of workers often is, is drawn inline.
func intN(src *pcg, n int) int {
	if u := uint64(n); u&(u-1) == 0 && !is32bit {
		return int(src.Uint64() & (u - 1))
	}
	return intNOther(src, n)
}

func intNOther(src *pcg, n int) int {
	if is32bit {
		return rand.New(src).IntN(n) // math/rand/v2 draws small n differently there
	}
	u := uint64(n)
	hi, lo := bits.Mul64(src.Uint64(), u)
	if lo < u {
		thresh := -u % u
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), u)
		}
	}
	return int(hi)
}

const is32bit = ^uint(0)>>32 == 0

// float64Of is rand.New(src).Float64().
func float64Of(src *pcg) float64 { return float64(src.Uint64()<<11>>11) / (1 << 53) }

// Workload generates the request stream: which key, read or write.
type Workload struct {
	r      *rand.Rand
	src    *pcg   // r's source: zipf draws from it directly, the same numbers without an interface call per key
	zipf   *alias // the zipf table, when the distribution is zipf
	keys   sampler
	writes float64
}

// sampler draws a key.
type sampler interface {
	next(r *rand.Rand) int
}

// NewWorkload returns the request stream c describes; the engine draws from
// exactly the same stream, so a load generator can replay it.
func NewWorkload(c Config) (*Workload, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return newWorkload(c), nil
}

func newWorkload(c Config) *Workload {
	src := newSource(c.Seed, streamWorkload)
	w := &Workload{r: rand.New(src), src: src, keys: newSampler(c), writes: c.Writes}
	if z, ok := w.keys.(zipf); ok {
		w.zipf = &z.a
	}
	return w
}

// Next returns the next request.
func (w *Workload) Next() (key int, op Op) {
	if w.zipf != nil {
		key = w.zipf.index(w.src.Uint64())
	} else {
		key = w.keys.next(w.r)
	}
	if w.writes > 0 && float64Of(w.src) < w.writes {
		op = Write
	}
	return key, op
}

func newSampler(c Config) sampler {
	switch c.Dist {
	case "zipf":
		return zipf{newAlias(Popularity(c))}
	case "hotset":
		return newHotset(c)
	case "scan":
		return &scan{keys: c.Keys}
	}
	return uniform{c.Keys}
}

// uniform draws every key equally often.
type uniform struct{ keys int }

func (u uniform) next(r *rand.Rand) int { return r.IntN(u.keys) }

// zipf draws key i with probability proportional to 1/(i+1)^alpha: key 0 is
// the most popular. Any alpha > 0 works, unlike math/rand's Zipf (s > 1).
type zipf struct{ a alias }

func (z zipf) next(r *rand.Rand) int { return z.a.draw(r) }

// hotset sends a fraction of traffic to the first hot keys, uniformly, and
// the rest uniformly to the others.
type hotset struct {
	hot, keys int
	traffic   float64
}

func newHotset(c Config) hotset {
	return hotset{hot: hotCount(c), keys: c.Keys, traffic: c.HotTraffic}
}

func hotCount(c Config) int {
	h := int(c.HotKeys*float64(c.Keys) + 0.5)
	return max(1, min(h, c.Keys))
}

func (h hotset) next(r *rand.Rand) int {
	if h.hot == h.keys || r.Float64() < h.traffic {
		return r.IntN(h.hot)
	}
	return h.hot + r.IntN(h.keys-h.hot)
}

// scan sweeps the keys in order, the pattern that defeats any LRU smaller
// than the key space.
type scan struct{ keys, at int }

func (s *scan) next(*rand.Rand) int {
	k := s.at
	s.at++
	if s.at == s.keys {
		s.at = 0
	}
	return k
}

// Popularity returns each key's probability of being requested under c's
// distribution. For scan every key is equally frequent.
func Popularity(c Config) []float64 {
	p := make([]float64, c.Keys)
	switch c.Dist {
	case "zipf":
		sum := 0.0
		for i := range p {
			p[i] = 1 / detPow(float64(i+1), c.Alpha)
			sum += p[i]
		}
		for i := range p {
			p[i] /= sum
		}
	case "hotset":
		h := hotCount(c)
		for i := range p {
			switch {
			case h == c.Keys:
				p[i] = 1 / float64(h)
			case i < h:
				p[i] = c.HotTraffic / float64(h)
			default:
				p[i] = (1 - c.HotTraffic) / float64(c.Keys-h)
			}
		}
	default:
		for i := range p {
			p[i] = 1 / float64(c.Keys)
		}
	}
	return p
}
