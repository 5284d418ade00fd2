package e2e

import (
	"testing"
	"time"
)

func TestZZDebug(t *testing.T) {
	p := open(t, env.base+"/learn?lesson=cold-misses", 1440, 1000)
	p.front()
	p.eval(`window.__f = 0; (function f() { window.__f++; requestAnimationFrame(f) })(); true`, new(bool))
	for i := 0; i < 6; i++ {
		p.front()
		var s string
		p.eval(`document.getElementById("run-count").textContent + " | frames " + window.__f`, &s)
		t.Log(time.Now().Format("05.000"), s)
		time.Sleep(time.Second)
	}
}
