package cache

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"

	"github.com/cachepit/cachepit/sim"
)

func init() {
	// go-redis logs every failed dial; the worker counts them as cache errors instead.
	redis.SetLogger(quiet{})
}

type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

// Redis is the cache every worker shares, in one Redis database. Keys carry
// the run's prefix, as with Memcached.
type Redis struct {
	addr    Addr
	prefix  string
	timeout time.Duration
	rc      atomic.Pointer[redis.Client]
}

// NewRedis returns a client of the Redis at a; each operation gives up
// after timeout. It does not connect: see Check.
func NewRedis(a Addr, prefix string, timeout time.Duration) *Redis {
	r := &Redis{addr: a, prefix: prefix, timeout: timeout}
	r.rc.Store(r.client())
	return r
}

// Check reports whether Redis answers.
func (r *Redis) Check() error {
	if err := r.do(func(ctx context.Context, rc *redis.Client) error { return rc.Ping(ctx).Err() }); err != nil {
		return fmt.Errorf("redis at %s is unreachable (%v): start it with 'redis-server --port PORT' or fix --shared", r.addr.Hosts[0], err)
	}
	return nil
}

// client is a fresh client. go-redis retries and backs off on its own
// (5 dials 100 ms apart, and after PoolSize failed dials it probes only once a
// second); the fail-open worker wants one quick try, so all of that is off and
// retry below does the one retry.
func (r *Redis) client() *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr: r.addr.Hosts[0], DB: r.addr.DB, Protocol: 2, DisableIdentity: true,
		DialTimeout: r.timeout, ReadTimeout: r.timeout, WriteTimeout: r.timeout,
		MaxRetries: -1, DialerRetries: 1, PoolSize: 16,
		MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled},
	})
}

// do runs op, and once more on a fresh client when it failed for any reason
// but a miss or a timeout (a restarted server, a dropped connection).
func (r *Redis) do(op func(context.Context, *redis.Client) error) error {
	rc := r.rc.Load()
	ctx, cancel := context.WithTimeout(context.Background(), 2*r.timeout)
	defer cancel()
	err := op(ctx, rc)
	if err == nil || errors.Is(err, redis.Nil) || timedOut(err) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if fresh := r.client(); r.rc.CompareAndSwap(rc, fresh) {
		rc.Close() // requests still using it fail once more and retry on fresh
	} else {
		fresh.Close()
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 2*r.timeout)
	defer cancel2()
	return op(ctx2, r.rc.Load())
}

// Get looks key up.
func (r *Redis) Get(key int) (uint32, sim.Tier, bool, error) {
	var s string
	err := r.do(func(ctx context.Context, rc *redis.Client) (err error) {
		s, err = rc.Get(ctx, r.key(key)).Result()
		return err
	})
	if errors.Is(err, redis.Nil) {
		return 0, sim.Shared, false, nil
	}
	if err != nil {
		return 0, sim.Shared, false, fmt.Errorf("redis get: %w", err)
	}
	v, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, sim.Shared, false, fmt.Errorf("redis holds %q under %s, not a version", s, r.key(key))
	}
	return uint32(v), sim.Shared, true, nil
}

// Add stores version under key.
func (r *Redis) Add(key int, version uint32) error {
	err := r.do(func(ctx context.Context, rc *redis.Client) error { return rc.Set(ctx, r.key(key), version, 0).Err() })
	if err != nil {
		return fmt.Errorf("redis set: %w", err)
	}
	return nil
}

// Remove deletes key.
func (r *Redis) Remove(key int) error {
	if err := r.do(func(ctx context.Context, rc *redis.Client) error { return rc.Del(ctx, r.key(key)).Err() }); err != nil {
		return fmt.Errorf("redis del: %w", err)
	}
	return nil
}

// Info answers cache_info() with what Redis can say, the same for every
// worker: keyspace_hits and keyspace_misses (GET hits and misses), the keys
// in the database (DBSIZE) and maxmemory in bytes as the maxsize (0 when
// Redis has no limit).
func (r *Redis) Info() (sim.CacheInfo, error) {
	var info string
	var n int64
	err := r.do(func(ctx context.Context, rc *redis.Client) (err error) {
		if info, err = rc.Info(ctx, "stats", "memory").Result(); err != nil {
			return err
		}
		n, err = rc.DBSize(ctx).Result()
		return err
	})
	if err != nil {
		return sim.CacheInfo{}, fmt.Errorf("redis info: %w", err)
	}
	f := parseInfo(info)
	return sim.CacheInfo{Hits: f["keyspace_hits"], Misses: f["keyspace_misses"], Maxsize: f["maxmemory"], Currsize: n}, nil
}

// parseInfo keeps the whole-number fields of an INFO answer ("name:value" lines).
func parseInfo(s string) map[string]int64 {
	f := map[string]int64{}
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if n, err := strconv.ParseInt(v, 10, 64); ok && err == nil {
			f[k] = n
		}
	}
	return f
}

// Close closes the connections.
func (r *Redis) Close() error { return r.rc.Load().Close() }

func (r *Redis) key(k int) string { return r.prefix + strconv.Itoa(k) }

// Len is 0: a worker holds nothing in its own memory.
func (r *Redis) Len() int { return 0 }

// Contains is false: nothing is held in the worker's own memory.
func (r *Redis) Contains(int) bool { return false }

// Evictions is 0: nothing is held in the worker's own memory.
func (r *Redis) Evictions() int64 { return 0 }
