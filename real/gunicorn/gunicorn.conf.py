"""gunicorn's hooks for the reference app: one sqlite file for the origin and the
scoreboard, and worker slots numbered as cachepit real's (a replacement takes the slot
of the worker it replaces).

    gunicorn -c gunicorn.conf.py -w 4 app:app

Settings: CACHEPIT_CONFIG is the engine's URL query (cache, cost-origin, ...);
gunicorn's own flags (-w, --max-requests, --max-requests-jitter, --preload, --threads)
are what /stats reports, whatever the query said. CACHEPIT_DB names the sqlite file
(emptied at start); without it a temporary one is used and removed at exit.
"""

import os
import signal
import sys
import tempfile
import time
from urllib.parse import parse_qs

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import settings  # noqa: E402  (standard library only: the master never imports Flask)
import store  # noqa: E402

MASTER_PID = os.getpid()  # app.py compares: imported here means --preload
_tmp = None


def on_starting(server):
    global _tmp
    try:
        s = settings.parse(os.environ.get("CACHEPIT_CONFIG", ""))
    except settings.SettingsError as e:
        server.log.error("CACHEPIT_CONFIG: %s", e)
        sys.exit(2)
    cfg = server.cfg
    actual = {"workers": cfg.workers, "max-requests": cfg.max_requests,
              "max-requests-jitter": cfg.max_requests_jitter if cfg.max_requests > 0 else 0,
              "preload": bool(cfg.preload_app), "threads": cfg.threads, "timeout": cfg.timeout}
    given = parse_qs(os.environ.get("CACHEPIT_CONFIG", ""))
    for k, v in actual.items():
        if k in given and s[k] != v:
            server.log.warning("CACHEPIT_CONFIG says %s=%s but gunicorn runs with %s: /stats reports gunicorn's", k, s[k], v)
    s.update(actual)
    db = os.environ.get("CACHEPIT_DB")
    if not db:
        fd, db = tempfile.mkstemp(prefix="cachepit-gunicorn-", suffix=".sqlite")
        os.close(fd)
        _tmp = db
        os.environ["CACHEPIT_DB"] = db
    store.create(db, settings.query(s), s["workers"], s["cache"])
    server.log.info("cachepit: origin and scoreboard in %s; settings %s", db, settings.query(s))


def pre_fork(server, worker):
    # In the master: the lowest slot no live worker holds (a dead one was reaped first).
    taken = {getattr(w, "cachepit_slot", None) for w in server.WORKERS.values()}
    worker.cachepit_slot = next(i for i in range(len(taken) + 1) if i not in taken)


def post_fork(server, worker):
    t = time.monotonic()
    store.slot, store.worker = worker.cachepit_slot, worker
    store.event(os.getpid(), worker.cachepit_slot, store.FORK, t)
    app = sys.modules.get("app")  # loaded already with --preload: its cache came along
    currsize = len(app.CACHE) if app is not None else 0
    cache = settings.parse(os.environ.get("CACHEPIT_CONFIG", ""))["cache"]
    store.started(worker.cachepit_slot, os.getpid(), currsize, cache)


def post_worker_init(worker):
    # The app is loaded: it accepts from now.
    store.event(os.getpid(), worker.cachepit_slot, store.UP, time.monotonic())


def pre_request(worker, req):
    # gunicorn counts every request toward --max-requests (it adds one to
    # worker.nr right after this hook). /stats is the load generator's look at
    # the scoreboard, not workload: give its count back, so a worker recycles
    # after max-requests workload requests, as the engine counts them.
    if req.path == "/stats":
        worker.nr -= 1


def worker_exit(server, worker):
    # Stopped accepting: its last request is answered.
    store.event(os.getpid(), worker.cachepit_slot, store.DOWN, time.monotonic())


def child_exit(server, worker):
    # Reaped by the master; a killed worker never ran worker_exit. gunicorn calls
    # this from its SIGCHLD handler, so SIGCHLD is blocked while it writes: a second
    # worker's exit would otherwise run it again inside the first one's sqlite
    # transaction and wait 30 s on its own lock ("database is locked").
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
    try:
        store.event(worker.pid, worker.cachepit_slot, store.REAPED, time.monotonic())
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def on_exit(server):
    if _tmp:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(_tmp + suffix)
            except FileNotFoundError:
                pass
