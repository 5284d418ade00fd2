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
		{"local", 300, []string{"different answers", "currsize", "worker by worker: ", "copies of a key"}, []string{"One shared cache"}},
		{"local", 5000, []string{"different answers", "hits", "worker by worker: ", "copies of a key", "old value"}, []string{"One shared cache"}},
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

// The number of different answers, or of values the quoted field takes,
// is the number of distinct values the line lists.
func TestInfoSpreadCounts(t *testing.T) {
	re := regexp.MustCompile(`you get (\d+) different answers(?:; \w+ alone takes (\d+) values)? \(?(?:\w+, )?worker by worker: ([^)]*)\)`)
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
			line := infoSpread(v.Workers)
			if line == "" {
				continue
			}
			m := re.FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("%d workers after %d: %q does not read as expected", workers, n, line)
			}
			claim := m[1]
			if m[2] != "" {
				claim = m[2]
			}
			vals := strings.Split(strings.TrimSuffix(m[3], ", …"), ", ")
			distinct := map[string]bool{}
			for _, x := range vals {
				distinct[x] = true
			}
			if workers <= 8 && fmt.Sprint(len(distinct)) != claim {
				t.Errorf("%d workers after %d: %q claims %s values and lists %d", workers, n, line, claim, len(distinct))
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
