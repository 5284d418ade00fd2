package origin

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Remote is the Origin of another cachepit real, reached through its
// /origin/ endpoints, so that several hosts share one database. Its reads
// and writes are counted where the database lives, not here.
type Remote struct {
	base string // http://HOST:PORT
	hc   *http.Client
}

// NewRemote returns the origin of the server at base (http://HOST:PORT).
func NewRemote(base string) *Remote {
	return &Remote{base: strings.TrimRight(base, "/"), hc: &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 64},
		Timeout:   30 * time.Second,
	}}
}

// Check reports whether the server answers as an origin.
func (r *Remote) Check() error {
	if _, err := r.Version(0); err != nil {
		return fmt.Errorf("the origin at %s does not answer (%v): start that cachepit real first, or fix --origin", r.base, err)
	}
	return nil
}

func (r *Remote) Read(key int) (uint32, error)    { return r.call(http.MethodPost, "read", key) }
func (r *Remote) Write(key int) (uint32, error)   { return r.call(http.MethodPost, "write", key) }
func (r *Remote) Version(key int) (uint32, error) { return r.call(http.MethodGet, "version", key) }

// CachePrefix asks the server holding the database for its shared caches' key prefix.
func (r *Remote) CachePrefix() (string, error) {
	resp, err := r.hc.Get(r.base + "/origin/prefix")
	if err != nil {
		return "", fmt.Errorf("origin %s: %w", r.base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if err != nil || resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("origin %s: no cache prefix (%s, %v)", r.base, resp.Status, err)
	}
	return strings.TrimSpace(string(body)), nil
}

// Counts is zero: the server holding the database counts every host's reads and writes.
func (r *Remote) Counts() (reads, writes int64) { return 0, 0 }

func (r *Remote) call(method, op string, key int) (uint32, error) {
	req, err := http.NewRequest(method, r.base+"/origin/"+op+"/"+strconv.Itoa(key), nil)
	if err != nil {
		return 0, err
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("origin %s: %w", r.base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if err != nil {
		return 0, fmt.Errorf("origin %s: %w", r.base, err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("origin %s: %s: %s", r.base, resp.Status, strings.TrimSpace(string(body)))
	}
	v, err := strconv.ParseUint(strings.TrimSpace(string(body)), 10, 32)
	if err != nil {
		return 0, fmt.Errorf("origin %s answered %q, not a version", r.base, body)
	}
	return uint32(v), nil
}
