"""Checks that lru.LRU answers as functools.lru_cache over the same calls.

    python3 -m unittest test_lru    (go test ./real/gunicorn runs it)
"""

import functools
import random
import unittest

from lru import LRU


class SameAsLruCache(unittest.TestCase):
    def replay(self, maxsize, keys, n, seed):
        rnd = random.Random(seed)
        ref = functools.lru_cache(maxsize=maxsize)(lambda k: k * 10)
        mine = LRU(maxsize)
        for i in range(n):
            k = min(int(rnd.paretovariate(0.8)), keys) if seed % 2 else rnd.randrange(keys)
            before = ref.cache_info().hits
            want = ref(k)
            got, hit, _ = mine.get(k, lambda k: k * 10)
            self.assertEqual(got, want)
            self.assertEqual(hit, ref.cache_info().hits > before, f"request {i}, key {k}")
            self.assertEqual(tuple(mine.cache_info()), tuple(ref.cache_info()), f"request {i}")

    def test_traces(self):
        for maxsize, keys, seed in [(1, 3, 1), (2, 5, 2), (10, 50, 3), (100, 1000, 4), (100, 1000, 5)]:
            with self.subTest(maxsize=maxsize, keys=keys, seed=seed):
                self.replay(maxsize, keys, 5000, seed)

    def test_delete_drops_one_key(self):
        c = LRU(2)
        c.get(1, str)
        c.get(2, str)
        self.assertTrue(c.delete(1))
        self.assertFalse(c.delete(1))
        self.assertEqual(c.cache_info().currsize, 1)
        _, hit, evicted = c.get(1, str)
        self.assertEqual((hit, evicted), (False, 0))
        _, hit, evicted = c.get(3, str)  # full: 2 is the least recently used
        self.assertEqual((hit, evicted), (False, 1))
        self.assertNotIn(2, c)

    def test_put_fills_most_recent_last(self):
        c = LRU(2)
        for k in (2, 1, 0):
            c.put(k, 0)
        self.assertEqual((0 in c, 1 in c, 2 in c), (True, True, False))
        self.assertEqual(c.cache_info().hits, 0)


if __name__ == "__main__":
    unittest.main()
