package sim

import (
	"fmt"
	"math"
	"testing"
)

func TestNginxSplit(t *testing.T) {
	tests := []struct{ in, host, port string }{
		{"127.0.0.1:8001", "127.0.0.1", "8001"},
		{"app.example:80", "app.example", "80"},
		{"[::1]:8080", "[::1]", "8080"},
		{"unix:/run/app.sock", "/run/app.sock", ""},
		{"UNIX:/run/app.sock", "/run/app.sock", ""},
		{"backend", "backend", ""},
		{"host:x80", "host:x80", ""}, // no digits-only port after the last ':'
	}
	for _, tt := range tests {
		if h, p := nginxSplit(tt.in); h != tt.host || p != tt.port {
			t.Errorf("nginxSplit(%q): got %q, %q; want %q, %q", tt.in, h, p, tt.host, tt.port)
		}
	}
}

func threeHosts() []string { return []string{"127.0.0.1:8001", "127.0.0.1:8002", "127.0.0.1:8003"} }

// 160 points per unit of weight, each server's share near its weight's, and
// the same ring every time.
func TestNginxRingShares(t *testing.T) {
	for _, weights := range [][]int{nil, {1, 2, 1}} {
		r, err := NewNginxRing(threeHosts(), weights)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for i := range 3 {
			if weights == nil {
				total++
			} else {
				total += weights[i]
			}
		}
		if r.Points() > 160*total || r.Points() < 160*total-2 {
			t.Errorf("weights %v: %d points; want %d (less any equal hashes)", weights, r.Points(), 160*total)
		}
		count := make([]int, 3)
		const n = 30000
		for k := range n {
			count[r.Pick(fmt.Sprintf("/item/%d", k))]++
		}
		again, _ := NewNginxRing(threeHosts(), weights)
		for k := range 1000 {
			key := fmt.Sprintf("/item/%d", k)
			if r.Pick(key) != again.Pick(key) {
				t.Fatalf("weights %v: %s picked %d, then %d", weights, key, r.Pick(key), again.Pick(key))
			}
		}
		for i, c := range count {
			w := 1
			if weights != nil {
				w = weights[i]
			}
			if want := float64(w) / float64(total); math.Abs(float64(c)/n-want) > 0.08 {
				t.Errorf("weights %v: server %d got %.3f of the keys; want about %.3f", weights, i, float64(c)/n, want)
			}
		}
	}
}

// Removing a server moves only its keys; marking it down moves them to the
// same servers as removing it does.
func TestNginxRingRemove(t *testing.T) {
	all, _ := NewNginxRing(threeHosts(), nil)
	two, _ := NewNginxRing(threeHosts()[:2], nil)
	up := func(s int) bool { return s != 2 }
	moved := 0
	for k := range 3000 {
		key := fmt.Sprintf("/item/%d?v=%d", k, k%7)
		before, after := all.Pick(key), two.Pick(key)
		if before != 2 && after != before {
			t.Errorf("%s moved from server %d to %d though server %d stayed", key, before, after, before)
		}
		if before == 2 {
			moved++
		}
		if down := all.PickUp(key, up); down != after {
			t.Errorf("%s with server 2 down: got %d; removed: %d", key, down, after)
		}
	}
	if moved == 0 {
		t.Error("no key was on server 2")
	}
}

func TestNginxRingBad(t *testing.T) {
	for _, tc := range []struct {
		servers []string
		weights []int
	}{
		{nil, nil},
		{threeHosts(), []int{1, 1}},
		{threeHosts(), []int{1, 0, 1}},
	} {
		if _, err := NewNginxRing(tc.servers, tc.weights); err == nil {
			t.Errorf("NewNginxRing(%v, %v): got no error; want one", tc.servers, tc.weights)
		}
	}
	one, _ := NewNginxRing([]string{"127.0.0.1:1"}, nil)
	if one.Pick("/x") != 0 || one.PickUp("/x", func(int) bool { return false }) != -1 {
		t.Error("a single server: want it picked when up and -1 when down")
	}
}
