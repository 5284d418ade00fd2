//go:build !wasm

package main

import (
	"strings"
	"testing"
)

func TestLoadArrivalFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"load", "--clients", "0"}, "-clients: must be between 1 and 256"},
		{[]string{"load", "--clients", "257"}, "-clients: must be between 1 and 256"},
		{[]string{"load", "--rate", "0"}, "-rate: must be in (0, 100000]"},
		{[]string{"load", "--rate", "NaN"}, "-rate: must be in (0, 100000]"},
		{[]string{"load", "--rate", "10", "--clients", "2"}, "--clients (closed loop) and --rate (open loop) contradict"},
		{[]string{"load", "--cpu", "-1"}, "cpu must be between 0 and"},
		{[]string{"load", "--balancer", "random"}, "balancer must be one of"},
		{[]string{"load", "--host-balancer", "keyhash"}, "--host-balancer is how nginx picks among --backends"},
		{[]string{"load", "--backends", "127.0.0.1:8001,127.0.0.1:8001"}, "--backends lists 127.0.0.1:8001 twice"},
		{[]string{"load", "--backends", "127.0.0.1"}, "--backends: \"127.0.0.1\" is not HOST:PORT"},
		{[]string{"load", "--backends", "127.0.0.1:8001", "--host-balancer", "ip_hash"}, "host-balancer must be one of"},
	} {
		code, out, errOut := runCLI(tc.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line containing %q", tc.args, code, out, errOut, tc.want)
		}
	}
}
