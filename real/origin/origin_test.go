package origin

import (
	"net/http/httptest"
	"testing"
)

func TestVersions(t *testing.T) {
	o := New(0)
	steps := []struct {
		op   string
		key  int
		want uint32
	}{
		{"read", 1, 0},
		{"write", 1, 1},
		{"version", 1, 1},
		{"write", 1, 2},
		{"read", 2, 0},
		{"version", 1, 2},
	}
	for i, s := range steps {
		var got uint32
		switch s.op {
		case "read":
			got, _ = o.Read(s.key)
		case "write":
			got, _ = o.Write(s.key)
		default:
			got, _ = o.Version(s.key)
		}
		if got != s.want {
			t.Errorf("step %d: %s %d: got version %d; want %d", i, s.op, s.key, got, s.want)
		}
	}
	if r, w := o.Counts(); r != 2 || w != 2 {
		t.Errorf("counts: got %d reads %d writes; want 2 and 2 (Version is not a read)", r, w)
	}
}

// Remote against Handler: another host sees the same versions, and the reads
// and writes are counted where the database lives.
func TestHandlerServesRemote(t *testing.T) {
	o := New(0)
	o.Prefix = "cachepit:abc:"
	srv := httptest.NewServer(Handler(o))
	defer srv.Close()
	r := NewRemote(srv.URL)
	if err := r.Check(); err != nil {
		t.Fatal(err)
	}
	if v, err := r.Write(3); v != 1 || err != nil {
		t.Errorf("write 3: %d, %v; want version 1", v, err)
	}
	if v, err := r.Read(3); v != 1 || err != nil {
		t.Errorf("read 3: %d, %v; want version 1", v, err)
	}
	if v, _ := o.Version(3); v != 1 {
		t.Errorf("the database holds version %d of key 3; want 1", v)
	}
	if p, err := r.CachePrefix(); p != o.Prefix || err != nil {
		t.Errorf("prefix %q, %v; want %q", p, err, o.Prefix)
	}
	if reads, writes := o.Counts(); reads != 1 || writes != 1 {
		t.Errorf("the database counted %d reads, %d writes; want 1 and 1 (Check's Version is neither)", reads, writes)
	}
	if _, err := NewRemote(srv.URL).Read(-1); err == nil {
		t.Error("read -1: no error; want the key refused")
	}
}
