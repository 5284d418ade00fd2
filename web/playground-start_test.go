package web

import "testing"

func TestPlainQuery(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"", true},
		{"workers=3&at=40&mode=local", true},
		{"workers=%22x%22", true},
		{`workers="><script>`, false},
		{`a=\`, false},
		{"a=b c", false},
		{"a=é", false},
	} {
		if got := plain(tt.q); got != tt.want {
			t.Errorf("plain(%q) = %v; want %v", tt.q, got, tt.want)
		}
	}
}
