package stack

import "fmt"

// nginx is routing by key on its own: the post's Flask app, one process per port.
var nginx = stack{
	name: "nginx", title: "Routing by key with nginx", stats: "GET /get_cache_info",
	serve: flask.serve,
	notes: func(s settings) []string {
		return []string{"Shown with the post's Flask app; the same block works in front of any one-process-per-port server. " +
			"gunicorn cannot do this inside itself: one gunicorn has one listening socket, and the kernel, not the key, picks the worker."}
	},
}

var php = stack{
	name: "php", title: "PHP-FPM with APCu",
	notes: func(s settings) []string {
		return []string{
			fmt.Sprintf("PHP-FPM's pool (pm.max_children = %d) serves each request in one of its processes, but APCu's apcu_fetch, apcu_store and apcu_delete use shared memory "+
				"set up by the FPM master before it forks: every process on the host sees one cache, and a delete reaches all of them. On one host this pitfall does not happen; "+
				"pm.max_requests recycles children without emptying APCu.", s.Workers),
			"It moves to several hosts: each host's APCu is its own, so N web servers behind a load balancer hold N copies, miss every key once per host, and serve old values after a write lands on another host. " +
				"The fix is the same: Redis or Memcached shared by every host (phpredis, or the memcached extension), with a delete on write.",
		}
	},
}

var golang = stack{
	name: "go", title: "A Go service",
	notes: func(s settings) []string {
		return []string{
			"A single Go process serves every request on goroutines that share its memory: one in-process cache (a map behind a mutex, golang-lru) is seen by all of them, so one process has no such pitfall.",
			fmt.Sprintf("It appears with several replicas: %d containers, pods or processes behind a load balancer each hold their own cache, with %d copies, %d cold misses per key and stale reads after a write on another replica. "+
				"The fixes are the same: a shared Redis or Memcached with a delete on write, or routing each key to one replica (consistent hashing; groupcache does this among its peers).", s.Workers, s.Workers, s.Workers),
		}
	},
}
