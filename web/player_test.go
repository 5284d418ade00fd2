package web

import "testing"

func TestSafely(t *testing.T) {
	if msg := safely(func() {}); msg != "" {
		t.Errorf("safely(no panic) = %q; want empty", msg)
	}
	if msg := safely(func() { panic("engine broke") }); msg != "engine broke" {
		t.Errorf("safely(panic) = %q; want the panic's message", msg)
	}
}
