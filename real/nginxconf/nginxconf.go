// Package nginxconf writes an nginx configuration that puts several
// 'cachepit real' hosts behind one nginx, with a chosen host balancer.
//
//	conf, err := nginxconf.Write(nginxconf.Config{Listen: "127.0.0.1:8080",
//		Backends: []string{"127.0.0.1:8001", "127.0.0.1:8002"}, Balancer: "keyhash"})
package nginxconf

import (
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
)

// Balancers are the host balancers, named as the engine names them, with
// the upstream directive each becomes (round robin is nginx's default).
var Balancers = map[string]string{
	"roundrobin": "",
	"leastconn":  "least_conn;",
	"keyhash":    "hash $request_uri consistent;",
	"random":     "random;",
}

// BalancerNames lists the names of Balancers in a fixed order.
var BalancerNames = []string{"roundrobin", "leastconn", "keyhash", "random"}

// Config describes nginx in front of the hosts.
type Config struct {
	Listen   string   // nginx's address, HOST:PORT
	Backends []string // each host's HOST:PORT, in order; keyhash routes by these strings
	Balancer string   // one of BalancerNames
}

// Check reports the first bad setting, naming its flag.
func (c Config) Check() error {
	if err := hostPort(c.Listen); err != nil {
		return fmt.Errorf("--listen must be HOST:PORT, got %q (%v)", c.Listen, err)
	}
	if err := CheckBackends(c.Backends); err != nil {
		return err
	}
	if _, ok := Balancers[c.Balancer]; !ok {
		return fmt.Errorf("--host-balancer must be one of %s, got %q", strings.Join(BalancerNames, ", "), c.Balancer)
	}
	return nil
}

// CheckBackends reports the first bad address of a --backends list: each
// must be HOST:PORT, listed once.
func CheckBackends(backends []string) error {
	if len(backends) == 0 {
		return fmt.Errorf("--backends needs at least one HOST:PORT, e.g. 127.0.0.1:8001,127.0.0.1:8002")
	}
	for i, b := range backends {
		if err := hostPort(b); err != nil {
			return fmt.Errorf("--backends: %q is not HOST:PORT (%v)", b, err)
		}
		if slices.Contains(backends[:i], b) {
			return fmt.Errorf("--backends lists %s twice", b)
		}
	}
	return nil
}

func hostPort(s string) error {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return err
	}
	if host == "" || strings.ContainsAny(host, " ;{}#'\"") {
		return fmt.Errorf("bad host %q", host)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("port must be 1..65535, got %q", port)
	}
	return nil
}

// Write returns the configuration. Every path in it is relative to nginx's
// prefix, so it runs from any folder:
//
//	nginx -p DIR -c DIR/nginx.conf -e DIR/error.log -g 'daemon off;'
func Write(c Config) (string, error) {
	if err := c.Check(); err != nil {
		return "", err
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("# Written by cachepit nginx-conf: %d cachepit real hosts behind nginx, host balancer %s.", len(c.Backends), c.Balancer)
	p("# Run it with every file under DIR: nginx -p DIR -c DIR/nginx.conf -e DIR/error.log -g 'daemon off;'")
	p("# One worker process, so round robin is one rotation (each nginx worker keeps its own).")
	p("worker_processes 1;")
	p("error_log error.log;")
	p("pid nginx.pid;")
	p("events { worker_connections 1024; }")
	p("http {")
	p("    access_log off;")
	for _, t := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		p("    %s_temp_path %s_temp;", t, t)
	}
	p("    upstream cachepit {")
	if d := Balancers[c.Balancer]; d != "" {
		p("        %s", d)
	}
	for _, s := range c.Backends {
		p("        server %s;", s)
	}
	p("    }")
	p("    server {")
	p("        listen %s;", c.Listen)
	p("        location / {")
	p("            # HTTP/1.0 and a new connection per request, as curl and cachepit load do:")
	p("            # each request is a new accept that any worker of the host may win.")
	p("            proxy_pass http://cachepit;")
	p("        }")
	p("    }")
	p("}")
	return b.String(), nil
}
