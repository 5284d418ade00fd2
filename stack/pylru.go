package stack

import "fmt"

// keyLRU is the per-process cache of a Python app that writes. The engine
// drops only the written key from the writer's cache, but functools.lru_cache
// can only be cleared whole (cache_clear), so the app gets this small LRU
// with lru_cache's rules and a per-key delete, as real/gunicorn/lru.py is for
// the reference app. An expired entry (with a TTL) is a miss, as in the engine.
const keyLRU = `CacheInfo = namedtuple("CacheInfo", "hits misses maxsize currsize")


class KeyLRU:
    """functools.lru_cache's rules for a function of one key, plus delete(key):
    a write drops only the key it changed, where lru_cache can only clear everything."""

    def __init__(self, fn, maxsize, ttl=None):
        self.fn, self.maxsize, self.ttl = fn, maxsize, ttl
        self.hits = self.misses = 0
        self.data = OrderedDict()  # key -> (value, expiry or None), least recently used first
        self.lock = threading.Lock()  # the threads of one process share its cache

    def __call__(self, key):
        with self.lock:
            held = self.data.get(key)
            if held is not None and (held[1] is None or held[1] > time.monotonic()):
                self.data.move_to_end(key)
                self.hits += 1
                return held[0]
            self.data.pop(key, None)  # expired
            self.misses += 1
        value = self.fn(key)  # outside the lock, as lru_cache calls it
        with self.lock:
            self.data[key] = (value, time.monotonic() + self.ttl if self.ttl else None)
            self.data.move_to_end(key)
            if len(self.data) > self.maxsize:
                self.data.popitem(last=False)  # the least recently used
        return value

    def delete(self, key):
        with self.lock:
            self.data.pop(key, None)

    def cache_info(self):
        return CacheInfo(self.hits, self.misses, self.maxsize, len(self.data))
`

// byKey reports whether the per-process cache of mode needs keyLRU: it is
// there, and a write must drop one key from it.
func (s settings) byKey(mode string) bool {
	return mode != "shared" && s.Writes
}

// keyLRUWhy says why a Python app's per-process cache in mode is KeyLRU
// and not the post's lru_cache, when it is.
func keyLRUWhy(s settings, mode string) []string {
	if !s.byKey(mode) {
		return nil
	}
	return []string{"These settings write: functools.lru_cache can only be emptied whole (cache_clear()), so the per-process cache here is KeyLRU, " +
		"lru_cache's rules plus delete(key), which drops only the written key as the simulation does. With read-only data (writes 0) it is the post's plain @lru_cache."}
}

// decorator is the per-process cache's decorator when writes need not
// drop one key: the post's lru_cache, or cachetools' ttl_cache with a TTL.
func decorator(s settings) string {
	if s.TTL > 0 {
		return fmt.Sprintf("@ttl_cache(maxsize=%d, ttl=%d)", s.Cache, s.TTL)
	}
	return fmt.Sprintf("@lru_cache(maxsize=%d)", s.Cache)
}

// keyLRUCall wraps fn in keyLRU, in plain Python after its def: an invented
// decorator name (it was @lru_cache_by_key) read to a newcomer as a library
// decorator they should know.
func keyLRUCall(s settings, fn string) string {
	ttl := ""
	if s.TTL > 0 {
		ttl = fmt.Sprintf(", ttl=%d", s.TTL)
	}
	return fmt.Sprintf("KeyLRU(%s, maxsize=%d%s)", fn, s.Cache, ttl)
}
