package stack

import (
	"fmt"
	"slices"
	"strings"
)

// py is what differs between the Python web frameworks in the generated app.
type py struct {
	file      string   // "app.py"
	framework string   // the framework's module: "flask"
	names     []string // what every app imports from it
	putNames  []string // what only a write handler uses: imported only with writes
	setup     string   // creates app
	get       string   // route decorator for a read, %s is the path
	put       string   // for a write
	path      string   // "/item/<int:key>"
	getArgs   string   // the read handler's parameters
	putArgs   string   // the write handler's parameters
	body      string   // the request body inside the write handler
	json      string   // wraps a dict into a response, %s is the dict
	shared    func(s settings, lock bool) pyShared
}

// pyShared is the shared cache in a Python app: its client, and how to
// read, fill and delete key k; client names a redis-py client for the lock.
type pyShared struct {
	imports       []string
	setup         string
	get, set, del string
	client        string
}

// python writes the app for mode: the post's lru_cache in each process
// (local; a per-key LRU when writes must drop one key), a shared cache
// (shared), or both in front of each other (tiered);
// with single flight in each process, a lock in the shared cache, and a
// shared cache client that fails open, as s asks.
func (f py) python(s settings, mode string) string {
	var b strings.Builder
	local, shared := mode != "shared", mode != "local"
	lock, failOpen, flight := s.lock(mode), s.failOpen(mode), s.Coalesce == "worker"
	byKey := local && s.byKey(mode)
	imports := []string{"import os"}
	if flight || byKey {
		imports = append(imports, "import threading")
	}
	if lock || byKey {
		imports = append(imports, "import time")
	}
	if byKey {
		imports = append(imports, "from collections import OrderedDict, namedtuple")
	}
	if failOpen {
		imports = append(imports, "from contextlib import contextmanager")
	}
	if local && s.TTL == 0 && !byKey {
		imports = append(imports, "from functools import lru_cache")
	}
	var sh pyShared
	var extra []string
	if shared {
		sh = f.shared(s, lock)
		extra = sh.imports
		if failOpen {
			extra = append(extra, "from redis.exceptions import RedisError")
		}
	}
	if local && s.TTL > 0 && !byKey {
		extra = append(extra, "from cachetools.func import ttl_cache  # lru_cache with a TTL")
	}
	fmt.Fprintf(&b, "%s\n\n%s\n", strings.Join(imports, "\n"), strings.Join(append([]string{f.frameworkImport(s.Writes)}, extra...), "\n"))
	fmt.Fprintf(&b, "\n%s\n", f.setup)
	if shared {
		fmt.Fprintf(&b, "# The shared cache, %d entries: size Redis with maxmemory and maxmemory-policy allkeys-lru.\n%s\n", s.Shared, sh.setup)
	}
	if !local {
		b.WriteString("stats = {\"hits\": 0, \"misses\": 0}  # this process's share of the lookups\n")
	}
	if flight {
		b.WriteString("flights = {}  # key -> lock: single flight inside this process\n")
	}
	if failOpen {
		b.WriteString(`cache_errors = 0  # this process's failed cache calls: export it, alert on it


@contextmanager
def fail_open():
    """A cache that is down costs a database read, not an error page."""
    global cache_errors
    try:
        yield
    except RedisError:  # ConnectionError, TimeoutError
        cache_errors += 1
`)
	}
	if byKey {
		b.WriteString("\n\n" + keyLRU)
	}
	arg, k := "key", `f"item:{key}"` // the cached function's parameter, and its shared key
	if s.post() {
		arg, k = "", `"item"`
		b.WriteString(`

def fetch_item():
    """Your slow work: the post's cached function takes no arguments, so it has one key."""
    return "Stored"
`)
	} else {
		b.WriteString(`

def fetch_item(key):
    """Your slow database query."""
    return {"key": key}
`)
	}
	if s.Writes {
		b.WriteString(`

def save_item(key, data):
    """Your database update."""
`)
	}
	if lock {
		fmt.Fprintf(&b, `

def shared_or_lock(k):
    """The shared copy, or None when this process is to fetch it."""
    for _ in range(250):  # wait out another process's fetch, up to the lock's 5 s
        item = %[1]s
        if item is not None:
            return item
        if %[2]s.set(f"lock:{k}", 1, nx=True, ex=5):  # SET NX: one fetch for all processes
            item = %[1]s  # filled just before its lock was freed: no second fetch
            if item is not None:
                %[2]s.delete(f"lock:{k}")
            return item
        time.sleep(0.02)
    return None
`, sh.get, sh.client)
	}
	fn := "load_item" // the function that holds the caches
	if flight {
		fn = "cached_item"
		b.WriteString("\n\ndef load_item(key):\n    # One thread fetches a key; this process's other threads wait for it and read its copy.\n")
		if s.Threads <= 1 && f.file == "app.py" {
			b.WriteString("    # A sync worker (one thread, gunicorn's default) never has a second request waiting:\n" +
				"    # this changes nothing there. Run --threads, or take a lock in the shared cache.\n")
		}
		b.WriteString("    with flights.setdefault(key, threading.Lock()):\n        return cached_item(key)\n")
	}
	b.WriteString("\n\n")
	if local && !byKey {
		fmt.Fprintf(&b, "%s  # one cache in each of the %d worker processes\n", decorator(s), s.Workers)
	}
	fmt.Fprintf(&b, "def %s(%s):\n", fn, arg)
	if shared {
		get := sh.get
		if lock {
			get = "shared_or_lock(k)"
		}
		fmt.Fprintf(&b, "    k = %s\n", k)
		if failOpen {
			fmt.Fprintf(&b, "    item = None\n    with fail_open():\n        item = %s\n", get)
		} else {
			fmt.Fprintf(&b, "    item = %s\n", get)
		}
		b.WriteString("    if item is None:\n")
		if !local {
			b.WriteString("        stats[\"misses\"] += 1\n")
		}
		fmt.Fprintf(&b, "        item = fetch_item(%s)\n", arg)
		fill := []string{sh.set}
		if lock {
			fill = append(fill, sh.client+".delete(f\"lock:{k}\")  # the others read the copy now")
		}
		writeFill(&b, fill, failOpen)
		if !local {
			b.WriteString("    else:\n        stats[\"hits\"] += 1\n")
		}
		b.WriteString("    return item\n")
	} else {
		fmt.Fprintf(&b, "    return fetch_item(%s)\n", arg)
	}
	if byKey {
		fmt.Fprintf(&b, "\n\n# lru_cache(maxsize=%d) that can also drop one key (KeyLRU above):\n# one cache in each of the %d worker processes\n%s = %s\n",
			s.Cache, s.Workers, fn, keyLRUCall(s, fn))
	}
	if local && s.Preload && s.post() {
		b.WriteString("\n\n# With --preload this runs once in the master: every worker starts with a copy.\nload_item()\n")
	} else if local && s.Preload {
		fmt.Fprintf(&b, "\n\n# With --preload this runs once in the master: every worker starts with a copy.\nfor key in range(%d):\n    load_item(key)\n", min(s.Cache, s.Keys))
	}
	if s.post() { // the post's GET /
		fmt.Fprintf(&b, "\n\n"+f.get+"\ndef index():\n    return %s\n", "/", fmt.Sprintf(f.json, `{"message": load_item()}`))
	} else {
		fmt.Fprintf(&b, "\n\n"+f.get+"\ndef get_item(%s):\n    return %s\n", f.path, f.getArgs, fmt.Sprintf(f.json, "load_item(key)"))
	}
	if s.Writes {
		fmt.Fprintf(&b, "\n\n"+f.put+"\ndef put_item(%s):\n    save_item(key, %s)\n", f.path, f.putArgs, f.body)
		del := sh.del
		if failOpen {
			del = "with fail_open():\n        " + del
		}
		switch mode {
		case "local":
			fmt.Fprintf(&b, "    %s.delete(key)  # this key, from this process's cache only\n", fn)
		case "shared":
			fmt.Fprintf(&b, "    k = f\"item:{key}\"\n    %s  # one delete reaches every process\n", del)
		case "tiered":
			fmt.Fprintf(&b, "    k = f\"item:{key}\"\n    %s\n    %s.delete(key)  # the other processes keep their local copies%s\n", del, fn, untilTTL(s))
		}
		fmt.Fprintf(&b, "    return %s\n", fmt.Sprintf(f.json, `{"message": "Stored"}`))
	}
	fmt.Fprintf(&b, "\n\n"+f.get+"\ndef get_cache_info():\n", "/get_cache_info")
	errs := ""
	if failOpen {
		errs = `, "cache_errors": cache_errors`
	}
	if local {
		fmt.Fprintf(&b, "    info = %s.cache_info()\n", fn)
		fmt.Fprintf(&b, "    return %s\n", fmt.Sprintf(f.json, `{"Hits": info.hits, "Misses": info.misses, "Maxsize": info.maxsize, "Currsize": info.currsize`+errs+`, "pid": os.getpid()}`))
	} else {
		fmt.Fprintf(&b, "    return %s\n", fmt.Sprintf(f.json, `{**stats`+errs+`, "pid": os.getpid()}`))
	}
	return b.String()
}

// frameworkImport is the line that imports the framework, with the names a
// write handler uses only when the app has one.
func (f py) frameworkImport(writes bool) string {
	names := slices.Clone(f.names)
	if writes {
		names = append(names, f.putNames...)
	}
	slices.Sort(names)
	return "from " + f.framework + " import " + strings.Join(names, ", ")
}

func untilTTL(s settings) string {
	if s.TTL > 0 {
		return fmt.Sprintf(" for up to %d s", s.TTL)
	}
	return " until evicted"
}

func timeoutWords(ttl int, zero string) string {
	if ttl > 0 {
		return "seconds: the TTL"
	}
	return "seconds; " + zero + " expire: a write deletes the key"
}

// writeFill writes a view's fill lines at its body's indent, inside
// "with fail_open():" when the cache may be down.
func writeFill(b *strings.Builder, fill []string, failOpen bool) {
	indent := "        "
	if failOpen {
		b.WriteString("        with fail_open():\n")
		indent += "    "
	}
	for _, l := range fill {
		b.WriteString(indent + l + "\n")
	}
}
