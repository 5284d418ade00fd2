package stack

import (
	"fmt"
	"strings"
)

var django = stack{
	name: "django", title: "Django + gunicorn", stats: "GET /cache-info/",
	snippets: func(s settings, mode string) []Snippet {
		out := []Snippet{
			{Name: "settings.py", Lang: "python", Code: djangoSettings(s, mode)},
			{Name: "items/views.py", Lang: "python", Code: djangoViews(s, mode)},
		}
		if s.Writes {
			out = append(out,
				Snippet{Name: "items/signals.py: invalidate on save", Lang: "python", Code: djangoSignals(s, mode)},
				Snippet{Name: "items/apps.py: register the signals", Lang: "python", Code: `from django.apps import AppConfig


class ItemsConfig(AppConfig):
    name = "items"

    def ready(self):
        from . import signals  # noqa: F401  connects the post_save and post_delete receivers
`})
		}
		return append(out, Snippet{Name: "command line", Lang: "shell", Code: gunicorn(s, "mysite.wsgi") + "\n"})
	},
	serve: func(s settings, port int) string {
		return gunicorn(s, "mysite.wsgi", "-b", fmt.Sprintf("127.0.0.1:%d", port))
	},
	notes: func(s settings) []string {
		return append([]string{"Django's default cache, when settings.py has no CACHES, is LocMemCache: " +
			"Django's documentation says each process has its own private cache instance. Under gunicorn's workers it is the same pitfall as lru_cache, " +
			"and a cache.delete() in one worker leaves the other workers' copies in place."}, pythonNotes(s)...)
	},
}

func djangoTimeout(ttl int) string {
	if ttl > 0 {
		return fmt.Sprintf("%d,  # seconds: the TTL", ttl)
	}
	return "None,  # never expire: a save deletes the key (Django's default is 300 s)"
}

func locmem(s settings, alias string) string {
	return fmt.Sprintf(`    %q: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "items",
        "TIMEOUT": %s
        "OPTIONS": {"MAX_ENTRIES": %d},  # in each of the %d processes
    },
`, alias, djangoTimeout(s.TTL), s.Cache, s.Workers)
}

func redisCache(s settings, alias string) string {
	return fmt.Sprintf(`    %q: {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",  # Django 4.0+
        "LOCATION": "redis://127.0.0.1:6379/0",  # %d entries: size Redis with maxmemory
        "TIMEOUT": %s
%s    },
`, alias, s.Shared, djangoTimeout(0), djangoFast(s))
}

// djangoFast gives up on Redis after 0.1 s when the shared cache may go
// down: Django passes OPTIONS to redis-py's connection pool.
func djangoFast(s settings) string {
	if !s.FailOpen {
		return ""
	}
	return `        # Give up on a cache that is down or slow after 0.1 s. Django's RedisCache raises its errors:
        # items/views.py catches them. (PyMemcacheCache: {"connect_timeout": 0.1, "timeout": 0.1}.)
        "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
`
}

func djangoSettings(s settings, mode string) string {
	var b strings.Builder
	switch mode {
	case "local":
		b.WriteString("# Leaving CACHES out gives this backend too (Django's default): a LocMemCache private to each process.\nCACHES = {\n" + locmem(s, "default"))
	case "shared":
		b.WriteString("# One cache for every process.\nCACHES = {\n" + redisCache(s, "default"))
	case "tiered":
		b.WriteString("# A private LocMemCache in each process in front of the shared Redis.\nCACHES = {\n" + redisCache(s, "default") + locmem(s, "local"))
	}
	b.WriteString("}\n")
	if mode != "local" {
		b.WriteString(`# Memcached instead (Django 3.2+):
#     "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
#     "LOCATION": "127.0.0.1:11211",
`)
	}
	return b.String()
}

func djangoViews(s settings, mode string) string {
	lock, failOpen, flight := s.lock(mode), s.failOpen(mode), s.Coalesce == "worker"
	var b strings.Builder
	b.WriteString("import os\n")
	if flight {
		b.WriteString("import threading\n")
	}
	if lock {
		b.WriteString("import time\n")
	}
	if failOpen {
		b.WriteString("from contextlib import contextmanager\n")
	}
	b.WriteString("\n")
	if mode == "tiered" {
		b.WriteString("from django.core.cache import cache, caches\n")
	} else {
		b.WriteString("from django.core.cache import cache\n")
	}
	b.WriteString("from django.http import JsonResponse\n")
	if failOpen {
		b.WriteString("from redis.exceptions import RedisError  # Memcached: pymemcache's MemcacheError and OSError\n")
	}
	b.WriteString("\nfrom .models import Item\n\n")
	if mode == "tiered" {
		b.WriteString("local = caches[\"local\"]  # this process's own copy\n")
	}
	if failOpen {
		b.WriteString("stats = {\"hits\": 0, \"misses\": 0, \"cache_errors\": 0}  # this process's lookups; alert on cache_errors\n")
	} else {
		b.WriteString("stats = {\"hits\": 0, \"misses\": 0}  # this process's lookups\n")
	}
	if flight {
		b.WriteString("flights = {}  # key -> lock: single flight inside this process\n")
	}
	if failOpen {
		b.WriteString(`

@contextmanager
def fail_open():
    """Django's RedisCache raises when Redis is down: a cache error costs a database read, not a 500."""
    try:
        yield
    except RedisError:  # ConnectionError, TimeoutError
        stats["cache_errors"] += 1
`)
	}
	if lock {
		b.WriteString(`

def shared_or_lock(k):
    """The shared copy, or None when this process is to fetch it."""
    for _ in range(250):  # wait out another process's fetch, up to the lock's 5 s
        data = cache.get(k)
        if data is not None:
            return data
        if cache.add(f"lock:{k}", 1, timeout=5):  # add: SET NX in Redis, add in Memcached
            data = cache.get(k)  # filled just before its lock was freed: no second fetch
            if data is not None:
                cache.delete(f"lock:{k}")
            return data
        time.sleep(0.02)
    return None
`)
	}
	fn := "load_item"
	if flight {
		fn = "cached_item"
		b.WriteString("\n\ndef load_item(key):\n    # One thread fetches a key; this process's other threads wait for it and read its copy.\n")
		if s.Threads <= 1 {
			b.WriteString("    # A sync worker (one thread, gunicorn's default) never has a second request waiting:\n" +
				"    # this changes nothing there. Run --threads, or take a lock in the shared cache.\n")
		}
		b.WriteString("    with flights.setdefault(key, threading.Lock()):\n        return cached_item(key)\n")
	}
	fmt.Fprintf(&b, "\n\ndef %s(key):\n    k = f\"item:{key}\"\n", fn)
	if mode == "tiered" {
		b.WriteString("    data = local.get(k)\n    if data is not None:\n        stats[\"hits\"] += 1\n        return data\n")
	}
	get := "cache.get(k)"
	if lock {
		get = "shared_or_lock(k)"
	}
	if failOpen {
		fmt.Fprintf(&b, "    data = None\n    with fail_open():\n        data = %s\n", get)
	} else {
		fmt.Fprintf(&b, "    data = %s\n", get)
	}
	b.WriteString("    if data is None:\n        stats[\"misses\"] += 1\n        data = Item.objects.values().get(pk=key)\n")
	fill := []string{"cache.set(k, data)"}
	if lock {
		fill = append(fill, "cache.delete(f\"lock:{k}\")  # the others read the copy now")
	}
	writeFill(&b, fill, failOpen)
	b.WriteString("    else:\n        stats[\"hits\"] += 1\n")
	if mode == "tiered" {
		b.WriteString("    local.set(k, data)\n")
	}
	b.WriteString(`    return data


def item(request, key):
    return JsonResponse(load_item(key))


def cache_info(request):  # path("cache-info/", views.cache_info) in urls.py
    return JsonResponse({**stats, "pid": os.getpid()})
`)
	return b.String()
}

func djangoSignals(s settings, mode string) string {
	failOpen := s.failOpen(mode)
	del := map[string]string{
		"local":  `cache.delete(f"item:{instance.pk}")  # LocMemCache: only this process's copy goes`,
		"shared": `cache.delete(f"item:{instance.pk}")  # the one shared copy goes, for every process`,
		"tiered": `cache.delete(f"item:{instance.pk}")`,
	}[mode]
	if failOpen {
		del = "with fail_open():  # the save stands; if Redis kept its data, the old copy lives until it expires\n        " + del
	}
	del = "    " + del
	if mode == "tiered" {
		del += "\n    caches[\"local\"].delete(f\"item:{instance.pk}\")  # only this process's local copy; the others keep theirs"
	}
	imp := "from django.core.cache import cache\n"
	if mode == "tiered" {
		imp = "from django.core.cache import cache, caches\n"
	}
	views := ""
	if failOpen {
		views = "from .views import fail_open\n"
	}
	return imp + `from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Item
` + views + `

@receiver([post_save, post_delete], sender=Item)
def forget_item(sender, instance, **kwargs):
` + del + "\n"
}
