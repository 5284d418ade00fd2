package cache

import (
	"bufio"
	"strings"
	"testing"
)

func TestParseStats(t *testing.T) {
	tests := []struct {
		in      string
		want    map[string]int64
		wantErr bool
	}{
		{"STAT get_hits 3\r\nSTAT get_misses 1\r\nSTAT version 1.6.18\r\nEND\r\n", map[string]int64{"get_hits": 3, "get_misses": 1}, false},
		{"END\r\n", map[string]int64{}, false},
		{"ERROR\r\n", nil, true},
		{"STAT get_hits 3\r\n", nil, true}, // cut short
	}
	for _, tt := range tests {
		got, err := parseStats(bufio.NewReader(strings.NewReader(tt.in)))
		if (err != nil) != tt.wantErr {
			t.Errorf("%q: got error %v; want error %v", tt.in, err, tt.wantErr)
			continue
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%q: %s got %d; want %d", tt.in, k, got[k], v)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: got %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseAddr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"memcached://127.0.0.1:11211", "127.0.0.1:11211"},
		{"memcached://localhost:1", "localhost:1"},
		{"127.0.0.1:11211", ""},
		{"memcached://127.0.0.1", ""},
		{"http://127.0.0.1:11211", ""},
		{"memcached://127.0.0.1:11211/x", ""},
	}
	for _, tt := range tests {
		got, err := ParseAddr(tt.in)
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("ParseAddr(%q): got %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestLocalInfo(t *testing.T) {
	l, err := NewLocal(2)
	if err != nil {
		t.Fatal(err)
	}
	l.Get(0) // miss
	l.Add(0, 1)
	l.Get(0) // hit
	l.Add(1, 1)
	l.Add(2, 1) // evicts 0
	ci, _ := l.Info()
	l.Remove(1) // a removal is not an eviction
	ci.Currsize--
	if ci.Hits != 1 || ci.Misses != 1 || ci.Maxsize != 2 || ci.Currsize != 1 || l.Contains(0) || l.Evictions() != 1 {
		t.Errorf("got %+v, holds 0: %v, %d evictions; want 1 hit, 1 miss, maxsize 2, currsize 1, 0 evicted, 1 eviction", ci, l.Contains(0), l.Evictions())
	}
	if _, err := NewLocal(0); err == nil {
		t.Error("NewLocal(0): got no error; want one")
	}
}
