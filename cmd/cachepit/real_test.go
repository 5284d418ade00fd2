//go:build !wasm

package main

import (
	"net"
	"strings"
	"testing"
)

func TestRealAndLoadBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"real", "--workers", "0"}, "workers must be between 1 and 256, got 0"},
		{[]string{"real", "--cache", "0"}, "cache must be between 1 and 1000000, got 0"},
		{[]string{"real", "--max-requests", "-1"}, "max-requests must be between 0 and 1000000000, got -1"},
		{[]string{"real", "--mode", "shared"}, "--mode shared needs --shared memcached://HOST:PORT or redis://HOST:PORT"},
		{[]string{"real", "--shared", "redis://127.0.0.1:6379/x"}, "--shared must look like"},
		{[]string{"real", "--cache-timeout", "0s"}, "--cache-timeout must be between 1ms and 10s, got 0s"},
		{[]string{"real", "--shared", "127.0.0.1:11211"}, "--shared must look like memcached://127.0.0.1:11211"},
		{[]string{"real", "--mode", "local", "--shared", "memcached://127.0.0.1:11211"}, "--mode local contradicts --shared"},
		{[]string{"real", "--origin-delay", "1m"}, "--origin-delay must be between 0s and 10s, got 1m0s"},
		{[]string{"real", "--grace", "0s"}, "--grace must be between 1s and 5m"},
		{[]string{"real", "--origin", "127.0.0.1:8001"}, "--origin must look like http://127.0.0.1:8001 (another cachepit real)"},
		{[]string{"real", "--origin-addr", "8101"}, `--origin-addr must be HOST:PORT, got "8101"`},
		{[]string{"real", "--origin-addr", "127.0.0.1:8101", "--origin", "http://127.0.0.1:8001"}, "with --origin it has none to serve"},
		{[]string{"real", "extra"}, `unexpected argument "extra"`},
		{[]string{"real", "--worker-class", "gevent"}, "--worker-class must be one of sync, go, got \"gevent\""},
		{[]string{"real", "--threads", "0"}, "threads must be between 1 and 1024, got 0"},   // the engine's setting
		{[]string{"real", "--threads", "65"}, "--threads must be between 1 and 64, got 65"}, // real mode's own limit
		{[]string{"real", "--worker-class", "go", "--threads", "2"}, "--threads 2 needs --worker-class sync"},
		{[]string{"nginx-conf"}, "--backends needs at least one HOST:PORT"},
		{[]string{"nginx-conf", "--backends", "127.0.0.1:1", "--host-balancer", "hash"}, "--host-balancer must be one of roundrobin, leastconn, keyhash, random"},
		{[]string{"load", "--writes", "2"}, "writes must be in [0, 1], got 2"},
		{[]string{"load", "--requests", "0"}, "requests must be between 1 and"},
		{[]string{"load", "--timeout", "1ms"}, "-timeout: must be between 1s and 1h"},
		{[]string{"load", "--workers", "2"}, "flag provided but not defined: -workers"},
	} {
		code, out, errOut := runCLI(tc.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line containing %q", tc.args, code, out, errOut, tc.want)
		}
	}
}

func TestRealCannotStart(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"real", "--addr", taken.Addr().String()}, "is already in use"},
		{[]string{"real", "--addr", "127.0.0.1:0", "--shared", "memcached://" + closed.Addr().String()}, "is unreachable"},
		{[]string{"load", "--target", "http://" + closed.Addr().String(), "--requests", "1"}, "is a server speaking cachepit's protocol running there?"},
	} {
		code, out, errOut := runCLI(tc.args...)
		if code != 1 || out != "" || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and one line containing %q", tc.args, code, out, errOut, tc.want)
		}
	}
}

func TestRealHelp(t *testing.T) {
	for _, cmd := range []string{"real", "load"} {
		code, out, _ := runCLI(cmd, "-h")
		if code != 0 || !strings.Contains(out, "usage: cachepit "+cmd) {
			t.Errorf("%s -h: exit %d, stdout %q; want exit 0 and the usage", cmd, code, out)
		}
	}
}
