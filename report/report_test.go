package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func ExampleTrace() {
	c := sim.Default()
	c.Workers, c.Keys = 2, 10
	s, _ := sim.New(c)
	var b bytes.Buffer
	t := NewTrace(&b)
	for _, q := range []struct{ w, k int }{{0, 3}, {0, 3}, {1, 3}} {
		ev, _ := s.Do(q.w, q.k, sim.Read)
		t.Add(ev)
	}
	ev, _ := s.Do(0, 3, sim.Write)
	t.Add(ev)
	ev, _ = s.Do(1, 3, sim.Read)
	t.Add(ev)
	t.Flush()
	fmt.Print(b.String())
	// Output:
	// seq,worker,key,op,served_from,hit,stale
	// 1,0,3,read,origin,0,0
	// 2,0,3,read,local,1,0
	// 3,1,3,read,origin,0,0
	// 4,0,3,write,origin,0,0
	// 5,1,3,read,local,1,1
}

func TestRunJSONAndTable(t *testing.T) {
	c := sim.Default()
	c.Mode = "tiered"
	s, _ := sim.New(c)
	s.Run(5000)
	st := s.Stats()
	r := New(c, st)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	json.Unmarshal(b, &back)
	total := back["total"].(map[string]any)
	if total["hits"].(float64) != float64(st.Total.Hits) || total["hit_ratio"].(float64) != st.HitRatio || back["shared"] == nil {
		t.Errorf("json %s", b)
	}
	var out bytes.Buffer
	if err := WriteTable(&out, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < c.Workers+2 || !strings.Contains(out.String(), "shared cache:") || !strings.HasPrefix(strings.TrimSpace(lines[c.Workers+1]), "total") {
		t.Errorf("table:\n%s", out.String())
	}
}
