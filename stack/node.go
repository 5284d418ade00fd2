package stack

import (
	"fmt"
	"strings"
)

var node = stack{
	name: "node", title: "Node with the cluster module or PM2", label: "Node: cluster or PM2", stats: "GET /get_cache_info",
	snippets: func(s settings, mode string) []Snippet {
		return []Snippet{
			{Name: "server.js", Lang: "javascript", Code: nodeServer(s, mode)},
			{Name: "ecosystem.config.js: the same under PM2 (pm2 start ecosystem.config.js)", Lang: "javascript", Code: fmt.Sprintf(`module.exports = {
  apps: [{ name: "app", script: "server.js", exec_mode: "cluster", instances: %d }],
};
`, s.Workers)},
			{Name: "command line", Lang: "shell", Code: fmt.Sprintf("WORKERS=%d node server.js\n", s.Workers)},
		}
	},
	serve: func(s settings, port int) string { return fmt.Sprintf("WORKERS=1 PORT=%d node server.js", port) },
	notes: func(s settings) []string {
		n := []string{"The cluster module (and PM2's cluster mode) runs each worker as its own process: a Map or an lru-cache in one worker is invisible to the others. " +
			"The primary hands connections round-robin, which still cannot send a key to the worker that has it."}
		if s.MaxRequests > 0 {
			n = append(n, "Neither the cluster module nor PM2 recycles a worker after a number of requests; a crash, a deploy or pm2 reload replaces it, with an empty cache, the same way.")
		}
		if s.Preload {
			n = append(n, "Node has no --preload: cluster.fork() starts a fresh process, so nothing the primary cached reaches the workers.")
		}
		return n
	},
}

func nodeServer(s settings, mode string) string {
	local, shared := mode != "shared", mode != "local"
	lock, failOpen, flight := s.lock(mode), s.failOpen(mode), s.Coalesce == "worker"
	var b strings.Builder
	b.WriteString("const cluster = require(\"node:cluster\");\nconst http = require(\"node:http\");\n")
	if local {
		b.WriteString("const { LRUCache } = require(\"lru-cache\");\n")
	}
	if shared {
		b.WriteString("const { createClient } = require(\"redis\");\n")
	}
	fmt.Fprintf(&b, `
const WORKERS = Number(process.env.WORKERS || %d);

async function fetchItem(key) {
  return { key }; // your slow database query
}
`, s.Workers)
	if s.Writes {
		b.WriteString(`
async function saveItem(key, data) {
  // your database update
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
  });
}
`)
	}
	b.WriteString("\nasync function start() {\n")
	if local {
		ttl := ""
		if s.TTL > 0 {
			ttl = fmt.Sprintf(", ttl: %d * 1000", s.TTL)
		}
		fmt.Fprintf(&b, "  const cache = new LRUCache({ max: %d%s }); // this worker's own\n", s.Cache, ttl)
	}
	if shared {
		fmt.Fprintf(&b, "  // %d entries: size Redis with maxmemory and maxmemory-policy allkeys-lru\n", s.Shared)
		if failOpen {
			b.WriteString(`  const redis = createClient({
    url: process.env.REDIS_URL || "redis://127.0.0.1:6379",
    socket: { connectTimeout: 100 }, // ms
    disableOfflineQueue: true, // while Redis is down a command fails at once, instead of waiting in a queue
  });
  redis.on("error", () => {}); // without a listener an error ends the worker; the client reconnects by itself
  redis.connect().catch(() => {}); // serve from the database until Redis is up
`)
		} else {
			b.WriteString("  const redis = createClient({ url: process.env.REDIS_URL || \"redis://127.0.0.1:6379\" });\n  await redis.connect();\n")
		}
	}
	if failOpen {
		b.WriteString("  const stats = { hits: 0, misses: 0, cacheErrors: 0 }; // alert on cacheErrors\n")
	} else {
		b.WriteString("  const stats = { hits: 0, misses: 0 };\n")
	}
	if flight {
		b.WriteString("  const flights = new Map(); // key -> the fetch in progress: single flight inside this worker\n")
	}
	if failOpen {
		b.WriteString(`
  // Fail open: a cache error costs a database read, not a 500.
  async function failOpen(command) {
    try {
      return await command();
    } catch {
      stats.cacheErrors++;
      return null;
    }
  }
`)
	}
	if lock {
		b.WriteString(`
  // The shared copy, or null when this worker is to fetch it.
  async function sharedOrLock(k) {
    for (let i = 0; i < 250; i++) { // wait out another worker's fetch, up to the lock's 5 s
      let raw = await redis.get(k);
      if (raw !== null) return raw;
      if ((await redis.set(` + "`lock:${k}`" + `, "1", { NX: true, EX: 5 })) !== null) { // SET NX: one fetch for all workers
        raw = await redis.get(k); // filled just before its lock was freed: no second fetch
        if (raw !== null) await redis.del(` + "`lock:${k}`" + `);
        return raw;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return null;
  }
`)
	}
	fn := "loadItem"
	if flight {
		fn = "cachedItem"
		b.WriteString(`
  // Requests in this worker that miss the same key wait for one fetch: the event loop serves many at once.
  function loadItem(key) {
    if (!flights.has(key)) flights.set(key, cachedItem(key).finally(() => flights.delete(key)));
    return flights.get(key);
  }
`)
	}
	fmt.Fprintf(&b, "\n  async function %s(key) {\n    const k = `item:${key}`;\n", fn)
	if local {
		b.WriteString("    let item = cache.get(k);\n    if (item !== undefined) {\n      stats.hits++;\n      return item;\n    }\n")
	} else {
		b.WriteString("    let item;\n")
	}
	if shared {
		get := "redis.get(k)"
		if lock {
			get = "sharedOrLock(k)"
		}
		call := func(c string) string {
			if failOpen {
				return "await failOpen(() => " + c + ")"
			}
			return "await " + c
		}
		fmt.Fprintf(&b, "    const raw = %s;\n    if (raw !== null) {\n      item = JSON.parse(raw);\n      stats.hits++;\n    } else {\n", call(get))
		set := "redis.set(k, JSON.stringify(item))" // no TTL: the shared cache keeps an entry until evicted or deleted
		b.WriteString("      stats.misses++;\n      item = await fetchItem(key);\n      " + call(set) + ";\n")
		if lock {
			b.WriteString("      " + call("redis.del(`lock:${k}`)") + "; // the others read the copy now\n")
		}
		b.WriteString("    }\n")
	} else {
		b.WriteString("    stats.misses++;\n    item = await fetchItem(key);\n")
	}
	if local {
		b.WriteString("    cache.set(k, item);\n")
	}
	b.WriteString("    return item;\n  }\n\n  http\n    .createServer(async (req, res) => {\n      const m = req.url.match(/^\\/item\\/(\\d+)$/);\n      let body;\n")
	info := "{ ...stats, pid: process.pid }"
	if local {
		info = "{ ...stats, size: cache.size, max: cache.max, pid: process.pid }"
	}
	fmt.Fprintf(&b, "      if (req.url === \"/get_cache_info\") {\n        body = %s;\n", info)
	b.WriteString("      } else if (m && req.method === \"GET\") {\n        body = await loadItem(Number(m[1]));\n")
	if s.Writes {
		del := "await redis.del(`item:${m[1]}`);"
		if failOpen {
			del = "await failOpen(() => redis.del(`item:${m[1]}`));"
		}
		b.WriteString("      } else if (m && req.method === \"PUT\") {\n        await saveItem(Number(m[1]), await readBody(req));\n")
		switch mode {
		case "local":
			b.WriteString("        cache.delete(`item:${m[1]}`); // this worker's copy only\n")
		case "shared":
			b.WriteString("        " + del + " // the one copy, for every worker\n")
		case "tiered":
			b.WriteString("        " + del + "\n        cache.delete(`item:${m[1]}`); // the other workers keep their local copies" + untilTTL(s) + "\n")
		}
		b.WriteString("        body = { message: \"Stored\" };\n")
	}
	b.WriteString(`      } else {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    })
    .listen(Number(process.env.PORT || 8000));
}

if (cluster.isPrimary && WORKERS > 1 && !("pm_id" in process.env)) {
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  cluster.on("exit", () => cluster.fork()); // the replacement starts with an empty cache
} else {
  start();
}
`)
	return b.String()
}
