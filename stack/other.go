package stack

import "fmt"

// nginx is routing by key on its own: the post's Flask app, one process per port.
var nginx = stack{
	name: "nginx", title: "Routing by key with nginx", stats: "GET /get_cache_info",
	serve: flask.serve,
	notes: func(s settings) []string {
		n := []string{"Shown with the post's Flask app; the same block works in front of any one-process-per-port server. " +
			"gunicorn cannot do this inside itself: one gunicorn has one listening socket, and the kernel, not the key, picks the worker."}
		if s.Coalesce != "none" {
			n = append(n, "Routing by key sends every request for a key to one process, so only that process's threads can stampede it. "+
				"If nginx also caches the responses (proxy_cache), proxy_cache_lock on; lets one request per key fill the cache while the others wait for it "+
				"(up to proxy_cache_lock_timeout, 5 s by default).")
		}
		return n
	},
}

var php = stack{
	name: "php", title: "PHP-FPM with APCu",
	notes: func(s settings) []string {
		n := []string{
			fmt.Sprintf("PHP-FPM's pool (pm.max_children = %d) serves each request in one of its processes, but APCu's apcu_fetch, apcu_store and apcu_delete use shared memory "+
				"set up by the FPM master before it forks: every process on the host sees one cache, and a delete reaches all of them. On one host this pitfall does not happen; "+
				"pm.max_requests recycles children without emptying APCu.", s.Workers),
			"It moves to several hosts: each host's APCu is its own, so N web servers behind a load balancer hold N copies, miss every key once per host, and serve old values after a write lands on another host. " +
				"The fix is the same: Redis or Memcached shared by every host (phpredis, or the memcached extension), with a delete on write.",
		}
		if s.Coalesce != "none" {
			n = append(n, "A stampede needs a lock all the processes see: apcu_add($lock, 1, 5) on one host, and across hosts Memcached::add($lock, 1, 5) "+
				"or phpredis's $redis->set($lock, 1, ['nx', 'ex' => 5]). Only the process that gets true fetches and then deletes the lock; "+
				"the others wait a moment (usleep(20000)) and read its copy. A TTL alone does not stop it: every process that misses after it runs out fetches at once.")
		}
		if s.FailOpen {
			n = append(n, "When Redis or Memcached is down, fail open: short timeouts ($redis->connect($host, 6379, 0.1) and a read timeout of 0.1 s, "+
				"Memcached::OPT_CONNECT_TIMEOUT of 100 ms), catch RedisException (the memcached extension returns false: check getResultCode()), "+
				"count the error, read from the database, and still write the database.")
		}
		return n
	},
}

var golang = stack{
	name: "go", title: "A Go service",
	notes: func(s settings) []string {
		n := []string{
			"A single Go process serves every request on goroutines that share its memory: one in-process cache (a map behind a mutex, golang-lru) is seen by all of them, so one process has no such pitfall.",
			fmt.Sprintf("It appears with several replicas: %d containers, pods or processes behind a load balancer each hold their own cache, with %d copies, %d cold misses per key and stale reads after a write on another replica. "+
				"The fixes are the same: a shared Redis or Memcached with a delete on write, or routing each key to one replica (consistent hashing; groupcache does this among its peers).", s.Workers, s.Workers, s.Workers),
		}
		if s.Coalesce != "none" {
			n = append(n, "Inside one process, golang.org/x/sync/singleflight's Group.Do makes the goroutines that miss a key share one fetch. "+
				"It cannot reach the other replicas: across them take a lock in the shared cache, go-redis's rdb.SetNX(ctx, \"lock:\"+key, 1, 5*time.Second) "+
				"(Memcached: gomemcache's Client.Add). The replica whose SetNX gives true (Add: no error) fetches and deletes the lock; the others wait a moment and read its copy.")
		}
		if s.FailOpen {
			n = append(n, "When the shared cache is down, fail open: DialTimeout, ReadTimeout and WriteTimeout of 100*time.Millisecond in go-redis's redis.Options "+
				"(gomemcache: Client.Timeout); an error other than redis.Nil (gomemcache: other than ErrCacheMiss) is counted, and the request reads from the database.")
		}
		return n
	},
}
