package cache

import (
	"bufio"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// Stats asks the Memcached at addr (HOST:PORT) for its general statistics
// ("stats"), keeping the numeric ones. gomemcache has no call for this.
func Stats(addr string, timeout time.Duration) (map[string]int64, error) {
	c, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return nil, fmt.Errorf("memcached stats: %w", err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(timeout))
	if _, err := c.Write([]byte("stats\r\n")); err != nil {
		return nil, fmt.Errorf("memcached stats: %w", err)
	}
	return parseStats(bufio.NewReader(c))
}

// parseStats reads "STAT name value" lines up to "END".
func parseStats(r *bufio.Reader) (map[string]int64, error) {
	st := map[string]int64{}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("memcached stats: %w", err)
		}
		f := strings.Fields(line)
		switch {
		case len(f) == 1 && f[0] == "END":
			return st, nil
		case len(f) == 3 && f[0] == "STAT":
			if n, err := strconv.ParseInt(f[2], 10, 64); err == nil {
				st[f[1]] = n
			}
		default:
			return nil, fmt.Errorf("memcached stats: unexpected line %q", strings.TrimSpace(line))
		}
	}
}
