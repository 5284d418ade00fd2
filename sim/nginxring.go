package sim

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"slices"
	"strings"
)

// NginxRing is nginx's `hash $request_uri consistent;` ring
// (ngx_http_upstream_hash_module.c, ketama-compatible), so that the host a
// key reaches behind a real nginx can be predicted request by request.
//
// Each server line's address is split into host and port at the last ':'
// followed only by digits (a "unix:" address has no port). Its base is CRC-32
// (IEEE) over host, one NUL byte and port; it gets 160 points per unit of
// weight, each the CRC-32 of the base continued with the previous point's four
// bytes, little-endian (0 before the first). Points are sorted and equal hashes
// dropped. A key goes to the first point whose hash is at least the key's
// CRC-32, wrapping around.
type NginxRing struct {
	points []nginxPoint // sorted by hash, no two equal
	n      int          // servers
}

type nginxPoint struct {
	hash   uint32
	server int
}

// nginxPointsPerWeight is nginx's 160 points per unit of weight.
const nginxPointsPerWeight = 160

// NewNginxRing builds the ring of servers as written in nginx's `server`
// lines ("127.0.0.1:8001", "unix:/run/app.sock"), with weights[i] for
// servers[i] (nil means weight 1 each, nginx's default).
func NewNginxRing(servers []string, weights []int) (*NginxRing, error) {
	if len(servers) == 0 {
		return nil, fmt.Errorf("an nginx ring needs at least one server")
	}
	if weights != nil && len(weights) != len(servers) {
		return nil, fmt.Errorf("got %d weights for %d servers", len(weights), len(servers))
	}
	r := &NginxRing{n: len(servers)}
	for i, s := range servers {
		w := 1
		if weights != nil {
			w = weights[i]
		}
		if w < 1 {
			return nil, fmt.Errorf("server %s: weight must be at least 1, got %d", s, w)
		}
		host, port := nginxSplit(s)
		base := crc32.ChecksumIEEE([]byte(host + "\x00" + port))
		var prev [4]byte
		for range nginxPointsPerWeight * w {
			h := crc32.Update(base, crc32.IEEETable, prev[:])
			r.points = append(r.points, nginxPoint{h, i})
			binary.LittleEndian.PutUint32(prev[:], h)
		}
	}
	// nginx sorts with qsort, which leaves the order of equal hashes open;
	// ties are ordered by server here so the ring is the same every time.
	slices.SortFunc(r.points, func(a, b nginxPoint) int {
		return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.server, b.server))
	})
	r.points = slices.CompactFunc(r.points, func(a, b nginxPoint) bool { return a.hash == b.hash })
	return r, nil
}

// nginxSplit splits a server address as nginx's ring does.
func nginxSplit(s string) (host, port string) {
	if len(s) >= 5 && strings.EqualFold(s[:5], "unix:") {
		return s[5:], ""
	}
	for j := len(s) - 1; j >= 0; j-- {
		c := s[j]
		if c == ':' {
			return s[:j], s[j+1:]
		}
		if c < '0' || c > '9' {
			break
		}
	}
	return s, ""
}

// Pick returns the index of the server that serves key, the request's
// $request_uri (path and query string).
func (r *NginxRing) Pick(key string) int { return r.PickUp(key, nil) }

// PickUp is Pick when some servers are down (up(i) false, or up nil for all
// up): as nginx, it moves on to the next point until a server is up, and
// after 20 tries returns -1 (nginx then falls back to round robin). With a
// single server nginx skips the ring, and so does PickUp.
func (r *NginxRing) PickUp(key string, up func(server int) bool) int {
	if r.n == 1 {
		if up == nil || up(0) {
			return 0
		}
		return -1
	}
	h := crc32.ChecksumIEEE([]byte(key))
	i, _ := slices.BinarySearchFunc(r.points, h, func(p nginxPoint, h uint32) int { return cmp.Compare(p.hash, h) })
	for tries := 0; tries <= 20; tries++ {
		s := r.points[(i+tries)%len(r.points)].server
		if up == nil || up(s) {
			return s
		}
	}
	return -1
}

// Points is the number of points on the ring.
func (r *NginxRing) Points() int { return len(r.points) }
