package stack

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

// checkers run each language's own syntax check on a file. nginx gets a
// whole configuration around the block; the others get the snippet as is.
var checkers = map[string]struct {
	bin, pkg, ext string
	args          func(dir, file string) []string
}{
	"python":     {"python3", "python3", ".py", func(_, f string) []string { return []string{"-m", "py_compile", f} }},
	"javascript": {"node", "nodejs", ".js", func(_, f string) []string { return []string{"--check", f} }},
	"ruby":       {"ruby", "ruby", ".rb", func(_, f string) []string { return []string{"-c", f} }},
	"shell":      {"sh", "dash", ".sh", func(_, f string) []string { return []string{"-n", f} }},
	"nginx":      {"nginx", "nginx-light", ".conf", func(dir, f string) []string { return []string{"-p", dir, "-c", f, "-t", "-q"} }},
}

// nginxConf wraps a block meant for the http context in a configuration
// that keeps every file nginx -t touches inside dir.
func nginxConf(dir, block string) string {
	return fmt.Sprintf(`error_log %[1]s/error.log;
pid %[1]s/nginx.pid;
events {}
http {
    access_log %[1]s/access.log;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
%[2]s
}
`, dir, block)
}

// lookPath finds a checker; without it the test skips with a hint, or
// fails under CI=true, where .ci/run installs it.
func lookPath(t *testing.T, bin, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(bin)
	if err != nil && bin == "nginx" {
		path, err = exec.LookPath("/usr/sbin/nginx") // not on a normal user's PATH
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: apt-get install %s", bin, pkg)
		}
		t.Skipf("%s is not installed; apt-get install %s to check these snippets", bin, pkg)
	}
	return path
}

// checkConfigs vary every setting a snippet reads.
var checkConfigs = []func(*sim.Config){
	nil,
	func(c *sim.Config) { c.Mode = "shared" },
	func(c *sim.Config) { c.Mode = "tiered" },
	func(c *sim.Config) { c.Mode, c.TTL = "tiered", 30e6 },
	func(c *sim.Config) { c.TTL, c.Preload, c.MaxRequests, c.MaxRequestsJitter = 60e6, true, 1000, 50 },
	func(c *sim.Config) { c.Writes, c.Workers, c.Cache = 0, 1, 2 },
	func(c *sim.Config) { c.Writes, c.Mode = 0, "shared" },
	func(c *sim.Config) { c.Balancer, c.Workers, c.Preload = "keyhash", 5, true },
	func(c *sim.Config) { c.Balancer, c.Mode, c.TTL = "keyhash", "tiered", 10e6 },
	func(c *sim.Config) { c.Threads, c.Timeout, c.TTL, c.Mode = 8, 30e6, 1500e3, "tiered" },
	func(c *sim.Config) { c.Coalesce, c.TTL = "worker", 1e6 },                                             // lesson 11: the fix takes a lock in the shared cache
	func(c *sim.Config) { c.Coalesce, c.Threads, c.Writes = "worker", 4, 0 },                              // single flight with threads, read-only
	func(c *sim.Config) { c.Mode, c.Coalesce = "tiered", "shared" },                                       // a lock behind a local cache
	func(c *sim.Config) { c.Mode, c.Coalesce = "tiered", "worker" },                                       // single flight in front of the shared cache
	func(c *sim.Config) { c.Outage = "shared@15s-25s" },                                                   // lesson 13: the fix fails open
	func(c *sim.Config) { c.Mode, c.Coalesce, c.Outage, c.TTL = "shared", "shared", "shared@1s-2s", 5e6 }, // a lock that fails open
	func(c *sim.Config) { c.Mode, c.Outage, c.Writes = "tiered", "shared@1s-2s", 0 },
	func(c *sim.Config) { c.Keys, c.Writes, c.Preload = 1, 0, true }, // lesson 1: the post's app, GET / without arguments
	func(c *sim.Config) { c.Keys, c.Writes, c.Mode = 1, 0, "tiered" },
}

// snippetsByLang generates every stack's snippets for every checkConfigs
// entry: language → code → where it came from.
func snippetsByLang(t *testing.T) map[string]map[string]string {
	t.Helper()
	byLang := map[string]map[string]string{}
	for i, change := range checkConfigs {
		c := config(change)
		for _, name := range Stacks() {
			code, err := Generate(c, name)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range code.Sections {
				for _, sn := range s.Snippets {
					if _, ok := checkers[sn.Lang]; !ok {
						t.Errorf("%s %q: no checker for language %q", name, sn.Name, sn.Lang)
						continue
					}
					if byLang[sn.Lang] == nil {
						byLang[sn.Lang] = map[string]string{}
					}
					byLang[sn.Lang][sn.Code] = fmt.Sprintf("config %d (%s), %s, %s: %s", i, c.Query(), name, s.Heading, sn.Name)
				}
			}
		}
	}
	return byLang
}

func TestSnippetsPassTheirChecker(t *testing.T) {
	byLang := snippetsByLang(t)
	for _, lang := range []string{"python", "javascript", "ruby", "shell", "nginx"} {
		t.Run(lang, func(t *testing.T) {
			ck := checkers[lang]
			bin := lookPath(t, ck.bin, ck.pkg)
			if len(byLang[lang]) == 0 {
				t.Fatalf("no %s snippets", lang)
			}
			dir := t.TempDir()
			var files []string
			where := map[string]string{} // file → what it holds
			for code, from := range byLang[lang] {
				file := filepath.Join(dir, fmt.Sprintf("s%d%s", len(files), ck.ext))
				if lang == "nginx" {
					code = nginxConf(dir, code)
				}
				if err := os.WriteFile(file, []byte(code), 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, file)
				where[file] = from + "\n" + numbered(code)
			}
			if lang == "python" { // one interpreter start for all: py_compile checks every file it is given
				out, err := exec.Command(bin, append([]string{"-m", "py_compile"}, files...)...).CombinedOutput()
				if err != nil {
					for _, f := range files {
						if strings.Contains(string(out), f) {
							t.Errorf("%s", where[f])
						}
					}
					t.Fatalf("py_compile: %v\n%s", err, out)
				}
				files = nil
			}
			for _, f := range files {
				if out, err := exec.Command(bin, ck.args(dir, f)...).CombinedOutput(); err != nil {
					t.Errorf("%s fails: %v\n%s\n%s", ck.bin, err, strings.TrimSpace(string(out)), where[f])
				}
			}
			t.Logf("%d distinct %s snippets checked", len(where), lang)
		})
	}
}

func numbered(code string) string {
	var b strings.Builder
	for i, l := range strings.Split(code, "\n") {
		fmt.Fprintf(&b, "%3d %s\n", i+1, l)
	}
	return b.String()
}

// The checkers themselves catch a broken snippet.
func TestCheckersRejectBrokenCode(t *testing.T) {
	broken := map[string]string{
		"python": "def f(:\n", "javascript": "function (\n", "ruby": "def f\n", "shell": "if then\n",
		"nginx": "upstream app { hash $request_uri consistent }\n",
	}
	for lang, code := range broken {
		ck := checkers[lang]
		t.Run(lang, func(t *testing.T) {
			bin := lookPath(t, ck.bin, ck.pkg)
			dir := t.TempDir()
			file := filepath.Join(dir, "broken"+ck.ext)
			if lang == "nginx" {
				code = nginxConf(dir, code)
			}
			os.WriteFile(file, []byte(code), 0o644)
			if err := exec.Command(bin, ck.args(dir, file)...).Run(); err == nil {
				t.Errorf("%s accepted broken code %q", ck.bin, code)
			}
		})
	}
}
