package prefork

import (
	"testing"

	"github.com/cachepit/cachepit/real/internal/memd"
)

// Two hosts, the second using the first one's database (--origin): a write
// on the second makes the first host's cached copy stale, and the reads and
// writes are counted where the database lives.
func TestSharedDatabase(t *testing.T) {
	_, a := serve(t, Config{Worker: opts(1, "local", 10, "")})
	_, b := serve(t, Config{Worker: opts(1, "local", 10, ""), Origin: a})
	type answer struct {
		Version uint32
		From    string
		Stale   bool
	}
	steps := []struct {
		host, method string
		want         answer
	}{
		{a, "GET", answer{0, "origin", false}},
		{a, "GET", answer{0, "local", false}},
		{b, "PUT", answer{1, "origin", false}},
		{a, "GET", answer{0, "local", true}}, // host a's copy is older than the one database's
		{b, "GET", answer{1, "origin", false}},
		{b, "GET", answer{1, "local", false}},
	}
	for i, s := range steps {
		var got answer
		do(t, s.method, s.host+"/item/7", &got)
		if got != s.want {
			t.Errorf("step %d: %s %s/item/7: got %+v; want %+v", i, s.method, s.host, got, s.want)
		}
	}
	sa, sb := stats(t, a), stats(t, b)
	if sa.Origin.Reads != 2 || sa.Origin.Writes != 1 || sb.Origin.Reads != 0 || sb.Origin.Writes != 0 {
		t.Errorf("origin reads/writes: host a %d/%d, host b %d/%d; want 2/1 at the database and 0/0 at the host using it",
			sa.Origin.Reads, sa.Origin.Writes, sb.Origin.Reads, sb.Origin.Writes)
	}
	if sa.Total.Stale != 1 || sb.Settings.Origin != a || sa.Settings.Origin != "" {
		t.Errorf("host a: %d stale, origin %q; host b: origin %q; want 1, \"\" and %s", sa.Total.Stale, sa.Settings.Origin, sb.Settings.Origin, a)
	}
}

// Hosts sharing a database share its Memcached entries too (its key
// prefix): a key one host fetched is a shared hit on the other; a host with
// its own database keys its entries apart.
func TestSharedDatabaseSharesCache(t *testing.T) {
	mc := "memcached://" + memd.Start(t)
	_, a := serve(t, Config{Worker: opts(1, "shared", 0, mc)})
	_, b := serve(t, Config{Worker: opts(1, "shared", 0, mc), Origin: a})
	_, c := serve(t, Config{Worker: opts(1, "shared", 0, mc)})
	var got struct{ From string }
	do(t, "GET", a+"/item/3", &got)
	for _, s := range []struct{ host, want string }{{b, "shared"}, {c, "origin"}} {
		do(t, "GET", s.host+"/item/3", &got)
		if got.From != s.want {
			t.Errorf("%s/item/3 after %s fetched it: from %s; want %s", s.host, a, got.From, s.want)
		}
	}
}
