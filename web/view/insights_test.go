package view

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func TestInsights(t *testing.T) {
	run := func(mode string, n int64) System {
		st := DefaultPage()
		st.Config.Mode, st.Config.Writes = mode, 0.05
		if strings.HasSuffix(mode, "-race") { // many clients at once: a fill can race a write
			st.Config.Mode = strings.TrimSuffix(mode, "-race")
			st.Config.Clients, st.Config.Keys, st.Config.Writes = 32, 50, 0.2
		}
		r, err := NewRunner(st)
		if err != nil {
			t.Fatal(err)
		}
		r.Advance(n)
		return r.Views()[0]
	}
	tests := []struct {
		mode string
		n    int64
		want []string // each must appear in some line
		not  []string // none may appear
	}{
		{"local", 0, []string{"Press Play"}, []string{"cache_info"}},
		{"local", 300, []string{"different answers", "currsize", "copies of a key"}, []string{"One shared cache"}},
		{"local", 5000, []string{"different answers", "hits", "copies of a key", "old value"}, []string{"One shared cache"}},
		{"shared", 5000, []string{"One shared cache", "500 µs", "no read so far was stale"}, []string{"different answers", "copies", "old value"}},
		{"shared-race", 5000, []string{"One shared cache", "old value: a read that fetched the key from the database before a write finished"}, []string{"no read so far was stale", "the others kept their copy"}},
	}
	for _, tt := range tests {
		v := run(tt.mode, tt.n)
		got := strings.Join(Insights(v), "\n")
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s after %d: insights %q lack %q", tt.mode, tt.n, got, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("%s after %d: insights %q should not say %q", tt.mode, tt.n, got, w)
			}
		}
		if tt.n > 0 && tt.mode == "local" && !strings.Contains(got, Count(v.Stats.Memory.Duplicates)) {
			t.Errorf("insights %q do not quote the %d duplicates", got, v.Stats.Memory.Duplicates)
		}
	}
}

// infoSpread names every value the quoted field takes, with where it is,
// or lists every worker's, or gives the least and greatest: never a list
// cut short with "…" that hides a value (review of lesson 11: "currsize
// alone takes 2 values (worker by worker: 1, 1, 1, 1, 1, 1, 1, 1, …)").
func TestInfoSpread(t *testing.T) {
	workers := func(currsize ...int) []Worker {
		ws := make([]Worker, len(currsize))
		for i, c := range currsize {
			ws[i].Stats.ID = i
			ws[i].Info = sim.CacheInfo{Hits: int64(100 + i), Misses: 5, Maxsize: 1, Currsize: int64(c)}
		}
		return ws
	}
	sixteen := func(zeros ...int) []int {
		c := make([]int, 16)
		for i := range c {
			c[i] = 1
		}
		for _, z := range zeros {
			c[z] = 0
		}
		return c
	}
	same := func(n int) []Worker {
		ws := workers(make([]int, n)...)
		for i := range ws {
			ws[i].Info.Hits = 7
		}
		return ws
	}
	for _, tt := range []struct {
		name string
		ws   []Worker
		want string
	}{
		{"stampede, one empty cache", workers(sixteen(3)...),
			"Ask each of the 16 workers for cache_info() and you get 16 different answers; currsize alone takes 2 values: 1 on 15 workers and 0 on worker 3."},
		{"two empty caches", workers(sixteen(9, 13)...),
			"Ask each of the 16 workers for cache_info() and you get 16 different answers; currsize alone takes 2 values: 1 on 14 workers and 0 on workers 9 and 13."},
		{"three values", workers(5, 5, 5, 7, 9, 9),
			"Ask each of the 6 workers for cache_info() and you get 6 different answers; currsize alone takes 3 values: 5 on 3 workers, 9 on workers 4 and 5 and 7 on worker 3."},
		{"four workers, four values", workers(1, 2, 3, 4),
			"Ask each of the 4 workers for cache_info() and you get 4 different answers (currsize, worker by worker: 1, 2, 3, 4)."},
		{"many values on many workers", workers(7, 3, 9, 4, 8, 5, 6, 9, 2, 3),
			"Ask each of the 10 workers for cache_info() and you get 10 different answers; currsize alone takes 8 values, from 2 on worker 8 to 9 on workers 2 and 7."},
		{"only hits differ, two answers", append(same(15), Worker{Stats: sim.WorkerStats{ID: 15}, Info: sim.CacheInfo{Hits: 8}}),
			"Ask each of the 16 workers for cache_info() and you get 2 different answers: hits is 7 on 15 workers and 8 on worker 15."},
		{"all alike", same(4), ""},
	} {
		if got := infoSpread(tt.ws, len(tt.ws)); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	// 200 workers of which 4 are drawn: the sentence quotes the drawn ones
	// and says so, rather than calling them all the workers.
	got := infoSpread(workers(1, 2, 3, 4), 200)
	want := "Ask each of the 4 workers drawn (of 200) for cache_info() and you get 4 different answers (currsize, worker by worker: 1, 2, 3, 4)."
	if got != want {
		t.Errorf("drawn of more:\n got %q\nwant %q", got, want)
	}
}

// Over real runs, the count of values the line claims is the number the
// field takes, and none is hidden behind "…".
func TestInfoSpreadCounts(t *testing.T) {
	re := regexp.MustCompile(`you get (\d+) different answers(?:; \w+ alone takes (\d+) values)?`)
	for _, workers := range []int{2, 4, 16} {
		for _, n := range []int64{3, 50, 300, 5000} {
			st := DefaultPage()
			st.Config.Workers = workers
			r, err := NewRunner(st)
			if err != nil {
				t.Fatal(err)
			}
			r.Advance(n)
			v := r.Views()[0]
			line := infoSpread(v.Workers, workers)
			if line == "" {
				continue
			}
			m := re.FindStringSubmatch(line)
			if m == nil || strings.Contains(line, "…") {
				t.Fatalf("%d workers after %d: %q does not read as expected", workers, n, line)
			}
			field, of := "currsize", func(w Worker) int64 { return int64(w.Info.Currsize) }
			if strings.Contains(line, " hits ") || strings.Contains(line, ": hits") || strings.Contains(line, "(hits") {
				field, of = "hits", func(w Worker) int64 { return w.Info.Hits }
			}
			distinct, answers := map[int64]bool{}, map[string]bool{}
			for _, w := range v.Workers {
				distinct[of(w)] = true
				answers[InfoLine(w.Info)] = true
			}
			if m[1] != fmt.Sprint(len(answers)) {
				t.Errorf("%d workers after %d: %q; %d answers", workers, n, line, len(answers))
			}
			if m[2] != "" && m[2] != fmt.Sprint(len(distinct)) {
				t.Errorf("%d workers after %d: %q; %s takes %d values", workers, n, line, field, len(distinct))
			}
		}
	}
}

// One copy is "1 of the 4 cached entries is a copy", not "are copies"
// (lesson 2 at request 4).
func TestInsightsOneCopy(t *testing.T) {
	var v System
	v.Config = sim.Default()
	v.Stats.Seq = 4
	for _, tt := range []struct {
		dups int
		want string
	}{
		{1, "1 of the 4 cached entries is a copy of a key another worker already holds"},
		{2, "2 of the 4 cached entries are copies of a key another worker already holds"},
	} {
		v.Stats.Memory.Entries, v.Stats.Memory.Duplicates = 4, tt.dups
		if got := strings.Join(Insights(v), "\n"); !strings.Contains(got, tt.want) {
			t.Errorf("%d duplicates: insights %q lack %q", tt.dups, got, tt.want)
		}
	}
}
