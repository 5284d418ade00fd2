"""A per-process LRU cache with functools.lru_cache's rules, plus a per-key delete.

functools.lru_cache can only be cleared whole (cache_clear), but a write must drop
one key from the writer's cache, so this is an OrderedDict following the same rules:
a hit moves the key to the most recent end; a miss calls the function and stores its
answer, evicting the least recently used entry when maxsize entries are held; if the
key was stored meanwhile (another thread), the stored answer is kept, as lru_cache
does. test_lru.py replays traces through both and compares.
"""

import threading
from collections import OrderedDict, namedtuple

CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])


class LRU:
    def __init__(self, maxsize):
        if maxsize < 1:
            raise ValueError(f"maxsize must be positive, got {maxsize}")
        self.maxsize = maxsize
        self.hits = 0
        self.misses = 0
        self.evictions = 0  # entries dropped to make room (lru_cache does not count these)
        self._d = OrderedDict()
        self._lock = threading.Lock()  # gunicorn --threads: one cache, several threads

    def get(self, key, fetch):
        """Returns (value, hit, evicted): the cached value, or fetch(key)'s stored."""
        with self._lock:
            if key in self._d:
                self._d.move_to_end(key)
                self.hits += 1
                return self._d[key], True, 0
            self.misses += 1
        value = fetch(key)  # outside the lock, as lru_cache calls the function
        with self._lock:
            if key in self._d:  # stored by another thread meanwhile: keep that one
                return value, False, 0
            evicted = 0
            if len(self._d) >= self.maxsize:
                self._d.popitem(last=False)
                self.evictions += 1
                evicted = 1
            self._d[key] = value
            return value, False, evicted

    def put(self, key, value):
        """Stores value as the most recent entry without counting a lookup
        (filling the cache before the fork, as an app that warms it at import)."""
        with self._lock:
            self._d[key] = value
            self._d.move_to_end(key)
            while len(self._d) > self.maxsize:
                self._d.popitem(last=False)

    def delete(self, key):
        """Drops key if held; returns whether it was."""
        with self._lock:
            return self._d.pop(key, None) is not None

    def __len__(self):
        return len(self._d)

    def __contains__(self, key):
        return key in self._d

    def cache_info(self):
        with self._lock:
            return CacheInfo(self.hits, self.misses, self.maxsize, len(self._d))
