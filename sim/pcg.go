package sim

import "math/bits"

// pcg is math/rand/v2's PCG (a 128-bit LCG with the DXSM output function)
// written out in one function: the same numbers from the same seeds
// (TestPCGMatchesRand), in one call per draw where rand.PCG makes two as
// wasm (there bits.Mul64 is no intrinsic, so rand.PCG's step is not inlined
// into its Uint64; two draws per request made the pair 6% of the engine's
// time under Node). It is a rand.Source: rand.New(p) draws from the same
// stream.
type pcg struct{ hi, lo uint64 }

// Uint64 steps the state and returns its next number.
func (p *pcg) Uint64() uint64 {
	const (
		mulHi    = 2549297995355413924
		mulLo    = 4865540595714422341
		incHi    = 6364136223846793005
		incLo    = 1442695040888963407
		cheapMul = 0xda942042e4dd58b5
	)
	hi, lo := bits.Mul64(p.lo, mulLo)
	hi += p.hi*mulLo + p.lo*mulHi
	lo, c := bits.Add64(lo, incLo, 0)
	hi, _ = bits.Add64(hi, incHi, c)
	p.lo, p.hi = lo, hi
	hi ^= hi >> 32
	hi *= cheapMul
	hi ^= hi >> 48
	hi *= lo | 1
	return hi
}
