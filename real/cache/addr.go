package cache

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Addr is where the shared cache lives, as --shared gives it:
// memcached://HOST:PORT[,HOST:PORT...] (a pool) or redis://HOST:PORT[/DB].
type Addr struct {
	Scheme string   // memcached or redis
	Hosts  []string // HOST:PORT of each server, in the order given
	DB     int      // Redis database number
}

const addrHint = "--shared must look like memcached://127.0.0.1:11211, memcached://H1:P1,H2:P2 or redis://127.0.0.1:6379/0"

// ParseAddr reads a --shared URL.
func ParseAddr(s string) (Addr, error) {
	bad := func(why string) (Addr, error) {
		return Addr{}, fmt.Errorf("%s, got %q (%s)", addrHint, s, why)
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || (scheme != "memcached" && scheme != "redis") {
		return bad("the scheme must be memcached or redis")
	}
	hosts, path, _ := strings.Cut(rest, "/")
	a := Addr{Scheme: scheme}
	for _, h := range strings.Split(hosts, ",") {
		host, port, err := net.SplitHostPort(h)
		if err != nil || host == "" || port == "" {
			return bad(fmt.Sprintf("%q is not HOST:PORT", h))
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return bad(fmt.Sprintf("port %q is not 1..65535", port))
		}
		a.Hosts = append(a.Hosts, h)
	}
	switch {
	case scheme == "redis" && len(a.Hosts) > 1:
		return bad("one Redis server only")
	case scheme == "memcached" && strings.Contains(rest, "/"):
		return bad("memcached takes no path")
	case scheme == "redis" && path != "":
		db, err := strconv.Atoi(path)
		if err != nil || db < 0 {
			return bad("the database must be a number from 0")
		}
		a.DB = db
	}
	if _, err := url.Parse(s); err != nil {
		return bad(err.Error())
	}
	return a, nil
}

// String is the URL ParseAddr reads.
func (a Addr) String() string {
	s := a.Scheme + "://" + strings.Join(a.Hosts, ",")
	if a.Scheme == "redis" {
		s += "/" + strconv.Itoa(a.DB)
	}
	return s
}

// Name says what the cache is, for people: "Memcached at H:P", "a pool of 2 Memcached servers (H1:P1, H2:P2)".
func (a Addr) Name() string {
	switch {
	case a.Scheme == "redis":
		return fmt.Sprintf("Redis at %s (database %d)", a.Hosts[0], a.DB)
	case len(a.Hosts) == 1:
		return "Memcached at " + a.Hosts[0]
	}
	return fmt.Sprintf("a pool of %d Memcached servers (%s)", len(a.Hosts), strings.Join(a.Hosts, ", "))
}
