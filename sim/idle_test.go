package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// nth and list agree with a plain scan of the members, in increasing order.
func TestIdleSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var b idleSet
		var want []int32
		for i := range MaxWorkers {
			if r.IntN(4) == 0 {
				b.add(i)
				want = append(want, int32(i))
			}
		}
		if n := r.IntN(MaxWorkers); slices.Contains(want, int32(n)) {
			b.remove(n)
			want = slices.DeleteFunc(want, func(x int32) bool { return x == int32(n) })
		}
		if got := b.list(nil); !slices.Equal(got, want) {
			t.Fatalf("list: got %v; want %v", got, want)
		}
		for k, w := range want {
			if got := b.nth(k); got != int(w) {
				t.Fatalf("nth(%d): got %d; want %d", k, got, w)
			}
		}
	}
}
