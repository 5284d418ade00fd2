package stack_test

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/stack"
)

func ExampleGunicorn() {
	c := sim.Default()
	c.Workers, c.MaxRequests, c.MaxRequestsJitter, c.Preload = 2, 1000, 50, true
	fmt.Println(stack.Gunicorn(c, "app:app"))
	// Output:
	// gunicorn -w 2 --max-requests 1000 --max-requests-jitter 50 --preload app:app
}

func ExampleGenerate() {
	c := sim.Default()
	c.Workers = 3
	code, err := stack.Generate(c, "go")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(code.Text())
	// Output:
	// # A Go service
	// # 3 worker processes, a cache of 100 entries in each
	//
	// ## About A Go service
	//
	// A single Go process serves every request on goroutines that share its memory: one in-process cache (a map behind a mutex, golang-lru) is seen by all of them, so one process has no such pitfall.
	//
	// It appears with several replicas: 3 containers, pods or processes behind a load balancer each hold their own cache, with 3 copies, 3 cold misses per key and stale reads after a write on another replica. The fixes are the same: a shared Redis or Memcached with a delete on write, or routing each key to one replica (consistent hashing; groupcache does this among its peers).
	//
	// ## How to spot it in production
	//
	// - Ask your cache statistics endpoint several times: with 3 worker processes the answers come from different process ids and report different sizes and hit counts.
	//
	// - The hit ratio drops after every deploy, restart or worker recycle (max-requests), then climbs back while the new processes warm up.
	//
	// - Reads disagree after a write: right after an update some requests return the new value and others the old one, depending on which process answers.
	//
	// - Memory per host grows with the number of workers: each process holds its own copy of the same hot keys.
}

func ExampleGenerate_django() {
	code, _ := stack.Generate(sim.Default(), "django")
	for _, s := range code.Sections {
		for _, sn := range s.Snippets {
			if sn.Name == "settings.py" {
				fmt.Printf("## %s\n%s", s.Heading, sn.Code)
			}
		}
	}
	// Output:
	// ## What you have: one cache per process (the pitfall)
	// # Leaving CACHES out gives this backend too (Django's default): a LocMemCache private to each process.
	// CACHES = {
	//     "default": {
	//         "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
	//         "LOCATION": "items",
	//         "TIMEOUT": None,  # never expire: a save deletes the key (Django's default is 300 s)
	//         "OPTIONS": {"MAX_ENTRIES": 100},  # in each of the 4 processes
	//     },
	// }
	// ## The fix: one shared cache (Redis or Memcached)
	// # One cache for every process.
	// CACHES = {
	//     "default": {
	//         "BACKEND": "django.core.cache.backends.redis.RedisCache",  # Django 4.0+
	//         "LOCATION": "redis://127.0.0.1:6379/0",  # 400 entries: size Redis with maxmemory
	//         "TIMEOUT": None,  # never expire: a save deletes the key (Django's default is 300 s)
	//     },
	// }
	// # Memcached instead (Django 3.2+):
	// #     "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
	// #     "LOCATION": "127.0.0.1:11211",
}
