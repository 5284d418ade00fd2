package stack

// Default names a stack's per-process cache, the one a project gets by
// default or by habit, and the shared caches that fix it.
type Default struct {
	Stack  string   // the picker's name: "django"
	Title  string   // "Django + gunicorn"
	Local  string   // the per-process cache, as the code names it: "LocMemCache"
	Where  string   // when the project has it
	Shared []string // the shared caches every process sees, as the code names them
}

// defaults lists the stacks whose usual cache lives in each process. Every
// name appears in the text Generate writes for its stack (a test checks
// it), so this list and the snippets cannot drift apart.
var defaults = []Default{
	{Stack: "flask", Local: "SimpleCache", Where: "Flask-Caching's development cache: a dict in each gunicorn worker, like functools.lru_cache",
		Shared: []string{"RedisCache", "MemcachedCache"}},
	{Stack: "django", Local: "LocMemCache", Where: "Django's cache when settings.py has no CACHES: private to each gunicorn worker",
		Shared: []string{"django.core.cache.backends.redis.RedisCache", "django.core.cache.backends.memcached.PyMemcacheCache"}},
	{Stack: "rails", Local: ":memory_store", Where: "config.cache_store in each Puma worker of cluster mode",
		Shared: []string{":redis_cache_store", ":mem_cache_store"}},
	{Stack: "node", Local: "lru-cache", Where: "or a plain Map, in each worker of the cluster module or PM2",
		Shared: []string{`require("redis")`}},
}

// Defaults lists, for the stacks whose usual cache is per process, that
// cache and its shared fixes, in the picker's order.
func Defaults() []Default {
	titles := Titles()
	out := make([]Default, len(defaults))
	for i, d := range defaults {
		d.Title = titles[d.Stack]
		d.Shared = append([]string(nil), d.Shared...)
		out[i] = d
	}
	return out
}
