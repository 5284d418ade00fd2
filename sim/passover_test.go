package sim

import (
	"slices"
	"testing"
)

// roundRobin passes over a worker that accepts nothing and the turn goes on
// from the worker it gave the request to; -1 when none accepts.
func TestRoundRobinPassesOver(t *testing.T) {
	b := &roundRobin{ws: make([]worker, 4)}
	var got []int
	pick := func(n int) {
		for range n {
			got = append(got, b.pick(0))
		}
	}
	pick(2)                                     // 0 1
	b.ws[2].down = true                         // booting
	pick(4)                                     // 3 0 1 3
	b.ws[0].down, b.ws[0].draining = true, true // finishing its requests before it exits
	pick(2)                                     // 1 3
	b.ws[1].down, b.ws[3].down = true, true     // none accepts
	pick(1)                                     // -1
	b.ws[2].down = false                        // up again
	pick(2)                                     // 2 2
	b.ws[0].down, b.ws[1].down, b.ws[3].down = false, false, false
	pick(4) // 3 0 1 2
	want := []int{0, 1, 3, 0, 1, 3, 1, 3, -1, 2, 2, 3, 0, 1, 2}
	if !slices.Equal(got, want) {
		t.Errorf("picks %v; want %v", got, want)
	}
}

// keyHash sends the keys of a worker that accepts nothing where a ring
// without that worker's points sends them (nginx walks on to the next
// point), and every other key to its own worker; none is moved once it is
// up again. With no worker accepting it returns -1.
func TestKeyHashPassesOver(t *testing.T) {
	const workers, keys = 4, 5000
	b := newKeyHash(workers, keyHashVnodes)
	b.ws = make([]worker, workers)
	home := make([]int, keys)
	for k := range home {
		home[k] = b.pick(k)
	}
	without := func(out int) *keyHash { // the ring with worker out's points removed
		r := &keyHash{}
		for i, x := range b.ring {
			if int(b.owners[i]) != out {
				r.ring, r.owners = append(r.ring, x), append(r.owners, b.owners[i])
			}
		}
		return r
	}
	for _, out := range []int{0, 2} {
		b.ws[out].down = true
		b.ws[out].draining = out == 2
		rest := without(out)
		moved := 0
		for k, h := range home {
			got, want := b.pick(k), h
			if h == out {
				want = rest.pick(k)
				moved++
			}
			if got != want {
				t.Fatalf("worker %d out: key %d (home %d) went to worker %d; want %d", out, k, h, got, want)
			}
		}
		if moved == 0 {
			t.Fatalf("no key's home is worker %d: the test checks nothing", out)
		}
		b.ws[out].down, b.ws[out].draining = false, false
		for k, h := range home {
			if got := b.pick(k); got != h {
				t.Fatalf("worker %d up again: key %d went to worker %d; want its home %d", out, k, got, h)
			}
		}
	}
	for w := range b.ws {
		b.ws[w].down = w != 3
	}
	for k := range 200 { // three of four out: walked on or, past 20 points, in turn
		if got := b.pick(k); got != 3 {
			t.Fatalf("only worker 3 accepts: key %d went to worker %d", k, got)
		}
	}
	b.ws[3].down = true
	if got := b.pick(7); got != -1 {
		t.Errorf("no worker accepts: worker %d; want -1", got)
	}
}

// With one client, a restarted worker's boot costs no request anything:
// roundrobin and keyhash pass over it until it is up, and use it again then.
func TestPassOverBooting(t *testing.T) {
	for _, bal := range []string{"roundrobin", "keyhash", "leastconn"} {
		t.Run(bal, func(t *testing.T) {
			s := newTest(t, "workers=4&writes=0&boot=100ms&balancer="+bal)
			for range 40 {
				s.Step()
			}
			if err := s.Restart(1); err != nil {
				t.Fatal(err)
			}
			for i := range 12 { // at most 5 ms each: inside the 100 ms boot
				if ev := s.Step(); ev.Worker == 1 || ev.Wait > 0 {
					t.Errorf("request %d after worker 1's restart: worker %d after %d µs waiting; want another worker at once", i+1, ev.Worker, ev.Wait)
				}
			}
			booted := false
			for range 200 {
				booted = booted || s.Step().Worker == 1
			}
			if !booted {
				t.Error("worker 1 served nothing after its boot")
			}
		})
	}
}

// When every worker boots (a deploy), a request waits on the host's backlog
// for the first worker up; none is refused.
func TestPassOverAllBooting(t *testing.T) {
	for _, bal := range []string{"roundrobin", "keyhash", "leastconn"} {
		t.Run(bal, func(t *testing.T) {
			s := newTest(t, "workers=3&writes=0&boot=100ms&balancer="+bal)
			for range 6 {
				s.Step()
			}
			s.RestartAll(false)
			if ev := s.Step(); ev.Wait < 90_000 || ev.Wait > 100_000 {
				t.Errorf("the first request after a deploy waited %d µs; want the boot's rest, about 100 ms", ev.Wait)
			}
			if st := s.Stats(); st.Refused != 0 {
				t.Errorf("%d requests refused; want none", st.Refused)
			}
		})
	}
}
