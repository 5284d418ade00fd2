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
	tests := []struct{ in, want string }{ // want is Addr.String(), "" for an error
		{"memcached://127.0.0.1:11211", "memcached://127.0.0.1:11211"},
		{"memcached://localhost:1", "memcached://localhost:1"},
		{"memcached://127.0.0.1:1,127.0.0.1:2", "memcached://127.0.0.1:1,127.0.0.1:2"},
		{"redis://127.0.0.1:6379", "redis://127.0.0.1:6379/0"},
		{"redis://127.0.0.1:6379/3", "redis://127.0.0.1:6379/3"},
		{"redis://127.0.0.1:6379/x", ""},
		{"redis://127.0.0.1:1,127.0.0.1:2", ""},
		{"127.0.0.1:11211", ""},
		{"memcached://127.0.0.1", ""},
		{"memcached://127.0.0.1:0", ""},
		{"memcached://127.0.0.1:1,", ""},
		{"http://127.0.0.1:11211", ""},
		{"memcached://127.0.0.1:11211/x", ""},
	}
	for _, tt := range tests {
		got, err := ParseAddr(tt.in)
		if (err != nil) != (tt.want == "") || (err == nil && got.String() != tt.want) {
			t.Errorf("ParseAddr(%q): got %q, %v; want %q", tt.in, got.String(), err, tt.want)
		}
	}
}

func TestParseInfo(t *testing.T) {
	got := parseInfo("# Stats\r\nkeyspace_hits:5\r\nkeyspace_misses:2\r\nrole:master\r\n# Memory\r\nmaxmemory:0\r\n")
	if got["keyspace_hits"] != 5 || got["keyspace_misses"] != 2 || len(got) != 3 {
		t.Errorf("got %v; want keyspace_hits 5, keyspace_misses 2, maxmemory 0", got)
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
