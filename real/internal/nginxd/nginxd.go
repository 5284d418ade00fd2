// Package nginxd runs a private nginx for tests, on a free loopback port, in
// front of given backends with the configuration cachepit nginx-conf writes.
package nginxd

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/cachepit/cachepit/real/internal/svc"
	"github.com/cachepit/cachepit/real/nginxconf"
)

// Bin returns nginx's path, or skips the test (fails it when CI=true).
// Debian installs it in /usr/sbin, which a normal user's PATH may lack.
func Bin(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("nginx"); err != nil {
		if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
			return "/usr/sbin/nginx"
		}
	}
	return svc.Need(t, "nginx", "apt-get install nginx-light")
}

// Start runs nginx with the configuration for backends and balancer, as the
// test's own process with every file in a temporary folder, and returns its
// base URL. It is stopped when the test ends; its error log is logged when
// the test failed.
func Start(t testing.TB, backends []string, balancer string) string {
	t.Helper()
	bin := Bin(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "nginx.conf")
	s := svc.StartStop(t, bin, syscall.SIGTERM, func(port string) []string {
		c, err := nginxconf.Write(nginxconf.Config{Listen: "127.0.0.1:" + port, Backends: backends, Balancer: balancer})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(conf, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{"-p", dir, "-c", conf, "-e", filepath.Join(dir, "error.log"), "-g", "daemon off;"}
	})
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Logf("nginx error.log:\n%s", log)
		}
	})
	return "http://" + s.Addr
}
