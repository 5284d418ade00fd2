package sim

import (
	"math"
	"math/bits"
	"slices"
)

// histogram counts response times in bounded memory: every value below
// 8,192 µs has its own bucket (so fixed service times are reported exactly),
// larger ones fall in 512 buckets per power of two (0.2% wide). Each bucket
// also sums its values, and a percentile is reported as the mean of its
// bucket. touched lists the buckets in use, so that a window's histogram is
// read and cleared without scanning every bucket.
type histogram struct {
	b       [histBuckets]bucket
	touched []int32
}

// bucket keeps its count and sum side by side: one cache line per add.
type bucket struct{ count, sum int64 }

const (
	histExact   = 8192
	histSub     = 512
	histBuckets = histExact + 44*histSub // up to 2^57 µs
)

func histIndex(v int64) int {
	if v < histExact {
		return int(max(v, 0))
	}
	e := bits.Len64(uint64(v)) - 10 // v >> e is in [512, 1024)
	return min(histExact+(e-4)*histSub+int(v>>e)-histSub, histBuckets-1)
}

// add counts v. It is small enough to inline: it runs once per request.
func (h *histogram) add(v int64) {
	i := histIndex(v)
	b := &h.b[i]
	if b.count == 0 {
		h.touch(i)
	}
	b.count++
	b.sum += v
}

func (h *histogram) touch(i int) { h.touched = append(h.touched, int32(i)) }

func (h *histogram) reset() {
	for _, i := range h.touched {
		h.b[i] = bucket{}
	}
	h.touched = h.touched[:0]
}

// addAll adds o's counts to h's.
func (h *histogram) addAll(o *histogram) {
	for _, i := range o.touched {
		b := &h.b[i]
		if b.count == 0 {
			h.touch(int(i))
		}
		b.count += o.b[i].count
		b.sum += o.b[i].sum
	}
}

func (h *histogram) summary() Latency { return h.sparse().latency() }

// sparse is a window's histogram as its non-empty buckets, in order.
type sparse []bin

type bin struct {
	i          int32
	count, sum int64
}

func (h *histogram) sparse() sparse {
	slices.Sort(h.touched)
	out := make(sparse, len(h.touched))
	for k, i := range h.touched {
		out[k] = bin{i, h.b[i].count, h.b[i].sum}
	}
	return out
}

// merge adds two windows' buckets.
func merge(a, b sparse) sparse {
	out := make(sparse, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0].i < b[0].i:
			out, a = append(out, a[0]), a[1:]
		case len(a) == 0 || b[0].i < a[0].i:
			out, b = append(out, b[0]), b[1:]
		default:
			out = append(out, bin{a[0].i, a[0].count + b[0].count, a[0].sum + b[0].sum})
			a, b = a[1:], b[1:]
		}
	}
	return out
}

// latency is p's percentiles and mean.
func (p sparse) latency() Latency {
	var n, total int64
	for _, x := range p {
		n += x.count
		total += x.sum
	}
	if n == 0 {
		return Latency{}
	}
	p50, p95, p99 := p.summary()
	return Latency{P50: p50, P95: p95, P99: p99, Mean: float64(total) / float64(n)}
}

func (p sparse) summary() (p50, p95, p99 int) {
	var n int64
	for _, x := range p {
		n += x.count
	}
	q := func(f float64) int {
		rank := max(int64(math.Ceil(f*float64(n))), 1)
		var seen int64
		for _, x := range p {
			if seen += x.count; seen >= rank {
				return int((x.sum + x.count/2) / x.count)
			}
		}
		return 0
	}
	if n == 0 {
		return 0, 0, 0
	}
	return q(.50), q(.95), q(.99)
}
