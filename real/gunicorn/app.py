"""The post's Flask app, run by real gunicorn, plus the protocol cachepit load speaks.

    cd real/gunicorn && CACHEPIT_CONFIG='workers=2&cache=2' \\
        gunicorn -c gunicorn.conf.py $(python3 settings.py 'workers=2&cache=2') app:app

GET /                 calls the cached function (key 0): {"message": "Stored"}
GET /get_cache_info   cache_info() as the post's jsonify, plus pid and worker
GET /item/<key>       reads through this worker's cache (answers as cachepit real's)
PUT /item/<key>       bumps the version at the origin and drops the key from this worker's cache
GET /stats            the whole server's counters and its settings as the engine's query
"""

import json
import os
import sys
import time

from flask import Flask, Response, request

import settings
import store
from lru import LRU

MAX_KEYS = 10_000_000  # the engine's sim.MaxKeys

SETTINGS = settings.parse(os.environ.get("CACHEPIT_CONFIG", ""))
ORIGIN_DELAY = SETTINGS["cost-origin"] / 1e6  # seconds an origin read or write takes
CACHE = LRU(SETTINGS["cache"])  # this process's cache: each worker has its own

# With gunicorn --preload this module is imported once in the master, and every
# worker forks with the same cache: fill it here with the most popular keys at
# version 0, key 0 the most recent, as the engine's "preload" does.
_conf = sys.modules.get("__config__")
if _conf is not None and getattr(_conf, "MASTER_PID", None) == os.getpid():
    for k in reversed(range(SETTINGS["cache"])):
        CACHE.put(k, 0)

app = Flask(__name__)


def _json(v, status=200):
    return Response(json.dumps(v, separators=(",", ":")) + "\n", status=status, mimetype="application/json")


def _left():
    """Workload requests this process serves before gunicorn recycles it, or -1.
    gunicorn counts every request, this one included after it is answered."""
    w = store.worker
    if w is None or w.max_requests >= sys.maxsize:
        return -1
    return max(w.max_requests - w.nr - 1, 0)


def _need_slot():
    if store.slot is None:
        raise RuntimeError("no worker slot: start gunicorn with -c gunicorn.conf.py (its hooks number the workers)")


def read(key):
    """Local cache, else the origin; counted on the scoreboard."""
    _need_slot()

    def fetch(k):
        time.sleep(ORIGIN_DELAY)
        return store.version(k)

    v, hit, evicted = CACHE.get(key, fetch)
    cur = store.record("hit" if hit else "miss", key, v, evicted, len(CACHE), _left())
    return {"key": key, "op": "read", "version": v, "from": "local" if hit else "origin",
            "hit": hit, "stale": hit and v < cur, "worker": store.slot, "pid": os.getpid()}


def write(key):
    """Bumps the version at the origin; only this worker's copy is dropped."""
    _need_slot()
    time.sleep(ORIGIN_DELAY)
    CACHE.delete(key)
    v = store.record("write", key, 0, 0, len(CACHE), _left())
    return {"key": key, "op": "write", "version": v, "from": "origin",
            "hit": False, "stale": False, "worker": store.slot, "pid": os.getpid()}


@app.get("/")
def index():
    read(0)
    return Response('{"message": "Stored"}\n', mimetype="application/json")


@app.get("/get_cache_info")
def get_cache_info():
    ci = CACHE.cache_info()
    body = {"Currsize": ci.currsize, "Hits": ci.hits, "Maxsize": ci.maxsize, "Misses": ci.misses,
            "pid": os.getpid(), "worker": store.slot}
    return Response(json.dumps(body, sort_keys=True) + "\n", mimetype="application/json")


@app.route("/item/<key>", methods=["GET", "PUT"])
def item(key):
    if not (key.isascii() and key.isdigit()) or int(key) >= MAX_KEYS:
        return Response(f"key must be a whole number from 0 to {MAX_KEYS - 1}, got {json.dumps(key)}\n",
                        status=400, mimetype="text/plain")
    return _json(write(int(key)) if request.method == "PUT" else read(int(key)))


@app.get("/stats")
def stats():
    st = store.stats()
    s = settings.parse(st["config"])
    st["Settings"] = {"Mode": "local", "Workers": s["workers"], "Cache": s["cache"], "Shared": "",
                      "MaxRequests": s["max-requests"], "MaxRequestsJitter": s["max-requests-jitter"],
                      "OriginDelayMicros": s["cost-origin"]}
    return Response(json.dumps(st, indent=2) + "\n", mimetype="application/json")
