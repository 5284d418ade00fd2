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
			{Name: "items/views.py", Lang: "python", Code: djangoViews(mode)},
		}
		if s.Writes {
			out = append(out,
				Snippet{Name: "items/signals.py: invalidate on save", Lang: "python", Code: djangoSignals(mode)},
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
    },
`, alias, s.Shared, djangoTimeout(s.TTL))
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

func djangoViews(mode string) string {
	var b strings.Builder
	b.WriteString("import os\n\n")
	if mode == "tiered" {
		b.WriteString("from django.core.cache import cache, caches\n")
	} else {
		b.WriteString("from django.core.cache import cache\n")
	}
	b.WriteString("from django.http import JsonResponse\n\nfrom .models import Item\n\n")
	if mode == "tiered" {
		b.WriteString("local = caches[\"local\"]  # this process's own copy\n")
	}
	b.WriteString("stats = {\"hits\": 0, \"misses\": 0}  # this process's lookups\n\n\ndef load_item(key):\n    k = f\"item:{key}\"\n")
	fetch := `        stats["misses"] += 1
        data = Item.objects.values().get(pk=key)
        cache.set(k, data)
    else:
        stats["hits"] += 1
`
	if mode == "tiered" {
		b.WriteString("    data = local.get(k)\n    if data is not None:\n        stats[\"hits\"] += 1\n        return data\n")
		b.WriteString("    data = cache.get(k)\n    if data is None:\n" + fetch + "    local.set(k, data)\n    return data\n")
	} else {
		b.WriteString("    data = cache.get(k)\n    if data is None:\n" + fetch + "    return data\n")
	}
	b.WriteString(`

def item(request, key):
    return JsonResponse(load_item(key))


def cache_info(request):  # path("cache-info/", views.cache_info) in urls.py
    return JsonResponse({**stats, "pid": os.getpid()})
`)
	return b.String()
}

func djangoSignals(mode string) string {
	del := map[string]string{
		"local":  `    cache.delete(f"item:{instance.pk}")  # LocMemCache: only this process's copy goes`,
		"shared": `    cache.delete(f"item:{instance.pk}")  # the one shared copy goes, for every process`,
		"tiered": `    cache.delete(f"item:{instance.pk}")
    caches["local"].delete(f"item:{instance.pk}")  # only this process's local copy; the others keep theirs`,
	}[mode]
	imp := "from django.core.cache import cache\n"
	if mode == "tiered" {
		imp = "from django.core.cache import cache, caches\n"
	}
	return imp + `from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Item


@receiver([post_save, post_delete], sender=Item)
def forget_item(sender, instance, **kwargs):
` + del + "\n"
}
