package view

import "testing"

func TestToggleOutage(t *testing.T) {
	for _, c := range []struct {
		list   string
		target int
		now    int64
		want   string
	}{
		{"", -1, 2_500_400, "shared@2501ms-3602501ms"},
		{"shared@2501ms-3602501ms", -1, 4_000_000, "shared@2501ms-4001ms"},
		{"shared@2501ms-3602501ms", -1, 2_000_000, ""},
		{"shared@1s-2s", -1, 3_000_000, "shared@1s-2s,shared@3001ms-3603001ms"},
		{"shared@1s-2h", 1, 5_000_000, "shared@1s-2h,host1@5001ms-3605001ms"},
		{"shared@1s-2h,host1@2s-2h", 1, 5_000_000, "shared@1s-2h,host1@2s-5001ms"},
		{"shared@1s-5001ms", -1, 5_000_000, "shared@1s-5001ms,shared@5001ms-3605001ms"},
	} {
		if got := ToggleOutage(c.list, c.target, c.now); got != c.want {
			t.Errorf("ToggleOutage(%q, %d, %d) = %q; want %q", c.list, c.target, c.now, got, c.want)
		}
	}
}

func TestOutageOpen(t *testing.T) {
	for _, c := range []struct {
		list   string
		target int
		now    int64
		want   bool
	}{
		{"", -1, 0, false},
		{"shared@2s-4s", -1, 1_000_000, true},
		{"shared@2s-4s", -1, 3_000_000, true},
		{"shared@2s-4s", -1, 4_000_000, false},
		{"shared@2s-4s", 0, 3_000_000, false},
		{"shared@2s-4s,host0@1s-5s", 0, 3_000_000, true},
		{"shared@2s-3001ms", -1, 3_000_500, false}, // brought back at 3.0005 s
	} {
		if got := OutageOpen(c.list, c.target, c.now); got != c.want {
			t.Errorf("OutageOpen(%q, %d, %d) = %v; want %v", c.list, c.target, c.now, got, c.want)
		}
	}
}
