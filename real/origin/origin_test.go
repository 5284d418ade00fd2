package origin

import "testing"

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
