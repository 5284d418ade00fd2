package stack

import (
	"fmt"
	"strings"
)

// The two Python stacks: Flask with Flask-Caching, FastAPI with redis-py.

// timeouts make redis-py give up on a cache that is down or slow after
// 0.1 s; by default it waits as long as the operating system does.
const timeouts = "socket_connect_timeout=0.1&socket_timeout=0.1"

var flaskPy = py{
	file: "app.py", framework: "flask", names: []string{"Flask", "jsonify"}, putNames: []string{"request"},
	setup: "app = Flask(__name__)", get: `@app.get("%s")`, put: `@app.put("%s")`, path: "/item/<int:key>",
	getArgs: "key", putArgs: "key", body: "request.get_json(silent=True)", json: "jsonify(%s)",
	shared: func(s settings, lock bool) pyShared {
		url := `os.environ.get("CACHE_REDIS_URL", "redis://127.0.0.1:6379/0")`
		var setup strings.Builder
		if s.FailOpen {
			fmt.Fprintf(&setup, "# Give up on a cache that is down or slow after 0.1 s. Beside a URL Flask-Caching ignores\n"+
				"# CACHE_OPTIONS, so redis-py's timeouts go in the URL.\nREDIS_URL = %s + \"?%s\"\n", url, timeouts)
			url = "REDIS_URL"
		} else if lock {
			setup.WriteString("REDIS_URL = " + url + "\n")
			url = "REDIS_URL"
		}
		fmt.Fprintf(&setup, `app.config.from_mapping(
    CACHE_TYPE="RedisCache",
    CACHE_REDIS_URL=%s,
    CACHE_DEFAULT_TIMEOUT=%d,  # %s
)
# Memcached instead: CACHE_TYPE="MemcachedCache", CACHE_MEMCACHED_SERVERS=["127.0.0.1:11211"]
cache = Cache(app)`, url, 0, timeoutWords(0, "0 means never"))
		sh := pyShared{imports: []string{"from flask_caching import Cache"}, get: "cache.get(k)", set: "cache.set(k, item)", del: "cache.delete(k)"}
		if lock {
			setup.WriteString("\n# The lock needs one atomic SET NX EX; Flask-Caching's cache.add is SETNX, then EXPIRE.\nredis_client = redis.Redis.from_url(REDIS_URL)")
			sh.imports = append(sh.imports, "import redis")
			sh.client = "redis_client"
		}
		sh.setup = setup.String()
		return sh
	},
}

var fastapiPy = py{
	file: "main.py", framework: "fastapi", names: []string{"FastAPI"}, putNames: []string{"Body"},
	setup: "app = FastAPI()", get: `@app.get("%s")`, put: `@app.put("%s")`, path: "/item/{key}",
	getArgs: "key: int", putArgs: "key: int, data: dict = Body(default=None)", body: "data", json: "%s",
	shared: func(s settings, _ bool) pyShared {
		fast := ""
		if s.FailOpen {
			fast = ",\n    socket_connect_timeout=0.1,  # seconds: give up on a cache that is down or slow\n    socket_timeout=0.1,\n"
		}
		setup := `redis_client = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")` + fast + `)


def cached(k):
    raw = redis_client.get(k)
    return None if raw is None else json.loads(raw)`
		set := "redis_client.set(k, json.dumps(item))" // no TTL: the shared cache keeps an entry until evicted or deleted
		return pyShared{imports: []string{"import json", "", "import redis"}, setup: setup,
			get: "cached(k)", set: set, del: "redis_client.delete(k)", client: "redis_client"}
	},
}

var flask = stack{
	name: "flask", title: "Flask + gunicorn", stats: "GET /get_cache_info", post: true,
	snippets: func(s settings, mode string) []Snippet {
		return []Snippet{
			{Name: "app.py", Lang: "python", Code: flaskPy.python(s, mode)},
			{Name: "command line", Lang: "shell", Code: gunicorn(s, "app:app") + "\n"},
		}
	},
	serve: func(s settings, port int) string {
		return gunicorn(s, "app:app", "-b", fmt.Sprintf("127.0.0.1:%d", port))
	},
	notes: func(s settings) []string {
		return append([]string{"Flask-Caching's SimpleCache (CACHE_TYPE=\"SimpleCache\", the usual choice for development) is a dict in each process: " +
			"under gunicorn's workers it is the same pitfall as lru_cache. RedisCache or MemcachedCache is one cache for every worker."}, pythonNotes(s)...)
	},
}

var fastapi = stack{
	name: "fastapi", title: "FastAPI + gunicorn with uvicorn workers", label: "FastAPI + uvicorn workers", stats: "GET /get_cache_info", post: true,
	snippets: func(s settings, mode string) []Snippet {
		uvicorn := fmt.Sprintf("uvicorn main:app --workers %d", s.Workers)
		if s.MaxRequests > 0 {
			uvicorn += fmt.Sprintf(" --limit-max-requests %d", s.MaxRequests)
		}
		return []Snippet{
			{Name: "main.py", Lang: "python", Code: fastapiPy.python(s, mode)},
			{Name: "command line", Lang: "shell", Code: gunicorn(s, "main:app", "-k", "uvicorn.workers.UvicornWorker") +
				"\n# or, without gunicorn (no jitter, no --preload): the same processes, the same caches\n" + uvicorn + "\n"},
		}
	},
	serve: func(s settings, port int) string {
		return gunicorn(s, "main:app", "-k", "uvicorn.workers.UvicornWorker", "-b", fmt.Sprintf("127.0.0.1:%d", port))
	},
	notes: func(s settings) []string {
		return append([]string{"async does not change the picture: each uvicorn worker is a process with its own memory, so its own lru_cache; " +
			"the coroutines inside one worker share it."}, pythonNotes(s)...)
	},
}

func pythonNotes(s settings) []string {
	var n []string
	if s.Preload && s.Mode != "shared" {
		n = append(n, "--preload imports the app once in the master; the workers get what it cached through fork (copy-on-write), "+
			"and every recycled worker gets the master's copy again, however old.")
	}
	if s.MaxRequests > 0 {
		jitter := ""
		if s.Jitter > 0 {
			jitter = fmt.Sprintf(" (plus 0..%d, from --max-requests-jitter)", s.Jitter)
		}
		n = append(n, fmt.Sprintf("--max-requests %d replaces a worker after that many requests%s: the new process starts with an empty cache.", s.MaxRequests, jitter))
	}
	return n
}
