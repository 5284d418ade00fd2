package nginxconf_test

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cachepit/cachepit/real/internal/nginxd"
	"github.com/cachepit/cachepit/real/internal/realtest"
	"github.com/cachepit/cachepit/real/nginxconf"
	"github.com/cachepit/cachepit/real/prefork"
	"github.com/cachepit/cachepit/sim"
)

func TestMain(m *testing.M) { realtest.Main(m) }

// hosts starts n 'cachepit real' hosts of 2 workers each and returns their
// addresses and how to stop each.
func hosts(t *testing.T, n int) ([]string, []func()) {
	var addrs []string
	var stops []func()
	for range n {
		base, stop := realtest.Start(t, prefork.Config{Worker: realtest.Options(2, "local", 100, "")})
		addrs, stops = append(addrs, strings.TrimPrefix(base, "http://")), append(stops, stop)
	}
	return addrs, stops
}

var client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}

// served asks nginx for path and returns the host that answered.
func served(t *testing.T, base, path string) string {
	t.Helper()
	resp, err := client.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, resp.Status)
	}
	return resp.Header.Get("X-Cachepit-Host")
}

// nginx's `hash $request_uri consistent;` sends every request to the host
// that sim.NginxRing predicts.
func TestKeyHashMatchesRing(t *testing.T) {
	backends, _ := hosts(t, 3)
	base := nginxd.Start(t, backends, "keyhash")
	ring, err := sim.NewNginxRing(backends, nil)
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	match, per := 0, map[string]int{}
	for k := range n {
		path := fmt.Sprintf("/item/%d", k)
		got, want := served(t, base, path), backends[ring.Pick(path)]
		per[got]++
		if got == want {
			match++
		} else if n-match <= 5 {
			t.Errorf("%s: served by %s; the ring predicts %s", path, got, want)
		}
	}
	t.Logf("%d of %d requests on the predicted host; per host %v", match, n, per)
	if match != n {
		t.Errorf("%d of %d requests on the predicted host; want all", match, n)
	}
}

// Round robin with one nginx worker rotates through the hosts: each gets a third.
func TestRoundRobinShares(t *testing.T) {
	backends, _ := hosts(t, 3)
	base := nginxd.Start(t, backends, "roundrobin")
	const n = 600
	per := map[string]int{}
	for k := range n {
		per[served(t, base, fmt.Sprintf("/item/%d", k))]++
	}
	t.Logf("per host of %d requests: %v", n, per)
	for _, b := range backends {
		if share := float64(per[b]) / n; share < 1.0/3-0.03 || share > 1.0/3+0.03 {
			t.Errorf("host %s served %.3f of the requests; want 1/3 within 0.03", b, share)
		}
	}
}

// Every balancer's configuration passes nginx's own check (nginx -t).
func TestConfigsLoad(t *testing.T) {
	bin := nginxd.Bin(t)
	for _, b := range nginxconf.BalancerNames {
		dir := t.TempDir()
		c, err := nginxconf.Write(nginxconf.Config{Listen: "127.0.0.1:1", Backends: []string{"127.0.0.1:2", "127.0.0.1:3"}, Balancer: b})
		if err != nil {
			t.Fatal(err)
		}
		conf := filepath.Join(dir, "nginx.conf")
		os.WriteFile(conf, []byte(c), 0o644)
		out, err := exec.Command(bin, "-t", "-p", dir, "-c", conf, "-e", filepath.Join(dir, "error.log")).CombinedOutput()
		if err != nil {
			t.Errorf("%s: nginx -t: %v\n%s\n%s", b, err, out, c)
		}
	}
}

func TestCheck(t *testing.T) {
	ok := nginxconf.Config{Listen: "127.0.0.1:8080", Backends: []string{"127.0.0.1:8001"}, Balancer: "keyhash"}
	for _, tc := range []struct {
		change func(*nginxconf.Config)
		want   string
	}{
		{func(c *nginxconf.Config) { c.Listen = "8080" }, "--listen must be HOST:PORT"},
		{func(c *nginxconf.Config) { c.Backends = nil }, "--backends needs at least one"},
		{func(c *nginxconf.Config) { c.Backends = []string{"127.0.0.1:0"} }, "port must be 1..65535"},
		{func(c *nginxconf.Config) { c.Backends = []string{"a;b:1"} }, "bad host"},
		{func(c *nginxconf.Config) { c.Backends = []string{"127.0.0.1:1", "127.0.0.1:1"} }, "twice"},
		{func(c *nginxconf.Config) { c.Balancer = "ip_hash" }, "--host-balancer must be one of"},
	} {
		c := ok
		tc.change(&c)
		if _, err := nginxconf.Write(c); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got error %v; want one containing %q", c, err, tc.want)
		}
	}
	for b, d := range nginxconf.Balancers {
		c := ok
		c.Balancer = b
		conf, err := nginxconf.Write(c)
		if err != nil || !strings.Contains(conf, "server 127.0.0.1:8001;") || (d != "" && !strings.Contains(conf, d)) {
			t.Errorf("%s: got %v and\n%s\nwant the server line and %q", b, err, conf, d)
		}
	}
}

// When a host goes away nginx moves only its keys, each to the next point on
// the ring: where sim.NginxRing.PickUp sends it.
func TestKeyHashHostDown(t *testing.T) {
	backends, stops := hosts(t, 3)
	base := nginxd.Start(t, backends, "keyhash")
	ring, err := sim.NewNginxRing(backends, nil)
	if err != nil {
		t.Fatal(err)
	}
	stops[2]()
	up := func(s int) bool { return s != 2 }
	const n = 600
	moved, match := 0, 0
	for k := range n {
		path := fmt.Sprintf("/item/%d", k)
		got, want := served(t, base, path), backends[ring.PickUp(path, up)]
		if ring.Pick(path) == 2 {
			moved++
		} else if got != backends[ring.Pick(path)] {
			t.Errorf("%s moved from %s to %s though its host is up", path, backends[ring.Pick(path)], got)
		}
		if got == want {
			match++
		}
	}
	t.Logf("host 2 down: %d of %d keys moved; %d of %d on the host PickUp predicts", moved, n, match, n)
	if match != n || moved == 0 {
		t.Errorf("%d of %d requests on the predicted host, %d moved; want all, and some moved", match, n, moved)
	}
}
