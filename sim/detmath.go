package sim

import "math"

// The engine's floating point must give the same bits natively and as wasm.
// math.Exp and math.Log use assembly on amd64 and pure Go elsewhere, so the
// few transcendental functions the engine needs are written here with only
// the basic operations, which IEEE 754 makes exact everywhere.

const ln2 = 0.693147180559945309417232121458176568

// detLog is the natural logarithm of x > 0.
func detLog(x float64) float64 {
	m, e := frexp(x) // x = m * 2^e, m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	// ln(m) = 2 atanh(z), z = (m-1)/(m+1), |z| <= 0.172
	z := (m - 1) / (m + 1)
	z2 := z * z
	sum, term := 0.0, z
	for k := 1; k < 40; k += 2 {
		sum += term / float64(k)
		term *= z2
		// Every later term has sum's sign and is smaller than term, so once
		// term is below |sum|/2^54 (less than half of sum's last place),
		// adding the rest leaves sum as it is, bit for bit: stop (the
		// Poisson gaps call this once per request).
		if math.Abs(term) < math.Abs(sum)*0x1p-54 {
			break
		}
	}
	return 2*sum + float64(e)*ln2
}

// frexp is math.Frexp for x > 0, with the exponent read from the bits
// inline for normal numbers (math.Frexp is a call: a tenth of detLog's cost
// per Poisson arrival).
func frexp(x float64) (float64, int) {
	b := math.Float64bits(x)
	if exp := int(b >> 52 & 0x7ff); exp > 0 && exp < 0x7ff {
		return math.Float64frombits(b&^(0x7ff<<52) | 1022<<52), exp - 1022
	}
	return math.Frexp(x) // zero, subnormal, infinite or NaN
}

// detExp is e to the power x.
func detExp(x float64) float64 {
	switch {
	case x > 709:
		return math.Inf(1)
	case x < -745:
		return 0
	}
	k := math.Floor(x/ln2 + 0.5)
	r := x - k*ln2 // |r| <= ln2/2
	sum, term := 1.0, 1.0
	for i := 1; i < 24; i++ {
		term *= r / float64(i)
		sum += term
	}
	return math.Ldexp(sum, int(k))
}

// detPow is x to the power y, for x > 0.
func detPow(x, y float64) float64 { return detExp(y * detLog(x)) }
