package control

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cachepit/cachepit/real/board"
	"github.com/cachepit/cachepit/sim"
)

// Client is a worker's connection to the master. It is safe for concurrent use.
type Client struct {
	hc   *http.Client
	Slot int // the worker slot every report is made for
}

// NewClient returns a client for the master listening on the Unix socket
// addr (a leading @ names an abstract socket), reporting for slot.
func NewClient(addr string, slot int) *Client {
	tr := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", addr)
		},
		MaxIdleConnsPerHost: 64,
	}
	return &Client{hc: &http.Client{Transport: tr, Timeout: 30 * time.Second}, Slot: slot}
}

// Where a worker's cache stands after a request, sent with every report.
type State struct {
	Currsize  int   // entries in the worker's own cache
	Evictions int64 // entries this process has evicted so far
	Left      int64 // requests until the worker recycles, or -1

	CacheErrors int64 // shared-cache errors and timeouts since the last report
}

// Read fetches key from the origin and counts a miss.
func (c *Client) Read(key int, st State) (uint32, error) {
	return c.call("read", key, st, nil)
}

// Write bumps key's version at the origin and counts a write.
func (c *Client) Write(key int, st State) (uint32, error) {
	return c.call("write", key, st, nil)
}

// Hit counts a read answered from a cache holding version; it returns the
// origin's current version, so the answer is stale when version is older.
func (c *Client) Hit(key int, from sim.Tier, version uint32, st State) (uint32, error) {
	return c.call("hit", key, st, url.Values{
		"from":    {strconv.Itoa(int(from))},
		"version": {strconv.FormatUint(uint64(version), 10)},
	})
}

// Origin runs op (read, write or version) on the master's database for
// another host that shares it; nothing is counted on this server's board.
func (c *Client) Origin(op string, key int) (uint32, error) {
	resp, err := c.hc.Post("http://master/origin/"+op+"?key="+strconv.Itoa(key), "", nil)
	if err != nil {
		return 0, fmt.Errorf("master unreachable: %w", err)
	}
	return answer(resp)
}

// Prefix returns the key prefix of the shared caches in front of the master's database.
func (c *Client) Prefix() (string, error) {
	resp, err := c.hc.Post("http://master/origin/prefix", "", nil)
	if err != nil {
		return "", fmt.Errorf("master unreachable: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("master: %s: %s", resp.Status, strings.TrimSpace(string(body)))
	}
	return string(body), err
}

// Stats returns the whole server's counters.
func (c *Client) Stats() (board.Stats, error) {
	var s board.Stats
	resp, err := c.hc.Get("http://master/stats")
	if err != nil {
		return s, fmt.Errorf("master unreachable: %w", err)
	}
	defer resp.Body.Close()
	return s, json.NewDecoder(resp.Body).Decode(&s)
}

func (c *Client) call(what string, key int, st State, v url.Values) (uint32, error) {
	if v == nil {
		v = url.Values{}
	}
	v.Set("slot", strconv.Itoa(c.Slot))
	v.Set("key", strconv.Itoa(key))
	v.Set("size", strconv.Itoa(st.Currsize))
	v.Set("left", strconv.FormatInt(st.Left, 10))
	v.Set("evictions", strconv.FormatInt(st.Evictions, 10))
	if st.CacheErrors > 0 {
		v.Set("errors", strconv.FormatInt(st.CacheErrors, 10))
	}
	resp, err := c.hc.Post("http://master/"+what+"?"+v.Encode(), "", nil)
	if err != nil {
		return 0, fmt.Errorf("master unreachable: %w", err)
	}
	return answer(resp)
}

// answer reads the master's answer: a version, or an error.
func answer(resp *http.Response) (uint32, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("master: %s: %s", resp.Status, strings.TrimSpace(string(body)))
	}
	n, err := strconv.ParseUint(string(body), 10, 32)
	return uint32(n), err
}
