//go:build !wasm

package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cachepit/cachepit/real/nginxconf"
)

func init() {
	register("nginx-conf", "write an nginx configuration for several 'cachepit real' hosts behind one nginx", runNginxConf)
}

func runNginxConf(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nginx-conf", flag.ContinueOnError)
	backends := fs.String("backends", "", "the hosts' addresses, comma-separated: 127.0.0.1:8001,127.0.0.1:8002")
	listen := fs.String("listen", "127.0.0.1:8080", "nginx's address")
	balancer := fs.String("host-balancer", "roundrobin", "how nginx picks a host: "+strings.Join(nginxconf.BalancerNames, ", ")+
		"\n(keyhash: hash $request_uri consistent; leastconn: least_conn)")
	out := fs.String("out", "", "write the configuration to this file instead of stdout")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	var list []string
	if *backends != "" {
		list = strings.Split(*backends, ",")
	}
	conf, err := nginxconf.Write(nginxconf.Config{Listen: *listen, Backends: list, Balancer: *balancer})
	if err != nil {
		fmt.Fprintf(stderr, "cachepit nginx-conf: %v\n", err)
		return 2
	}
	if *out == "" {
		fmt.Fprint(stdout, conf)
		return 0
	}
	if err := os.WriteFile(*out, []byte(conf), 0o644); err != nil {
		fmt.Fprintf(stderr, "cachepit nginx-conf: %v\n", err)
		return 1
	}
	return 0
}
