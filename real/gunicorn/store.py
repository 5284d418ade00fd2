"""The origin database and the server's scoreboard, in one sqlite file every worker opens.

The origin keeps one version per key (0 until written): a database must be one for all
workers, or a stale read could not even be defined. The scoreboard keeps one row of
counters per worker slot, named as the engine's WorkerStats, so that /stats answers
what cachepit real's /stats answers. Standard library only: gunicorn.conf.py imports
this module in the master, which must not import Flask (a replacement worker would
then boot faster than a real app's).
"""

import os
import sqlite3
import threading
import time

# Set in each worker process by gunicorn.conf.py's post_fork hook.
slot = None  # this process's worker slot, 0-based, reused by its replacement
worker = None  # gunicorn's Worker object: its nr and max_requests give requests left

COUNTERS = ["Requests", "Reads", "Writes", "Hits", "Misses", "LocalHits", "Stale", "Evictions", "Degraded"]

# Lifecycle events, in the order a worker slot goes through them.
FORK, UP, DOWN, REAPED = "fork", "up", "down", "reaped"

_local = threading.local()


def path():
    return os.environ["CACHEPIT_DB"]


def conn():
    """This thread's connection; opened after the fork, never inherited across one."""
    c = getattr(_local, "conn", None)
    if c is None or _local.pid != os.getpid():
        c = sqlite3.connect(path(), timeout=30, isolation_level=None)
        c.execute("PRAGMA synchronous=OFF")
        _local.conn, _local.pid = c, os.getpid()
    return c


def create(db, config, workers, cache):
    """Empties db and sets it up for a server with these settings."""
    c = sqlite3.connect(db, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.executescript(
        """
        DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS versions;
        DROP TABLE IF EXISTS origin; DROP TABLE IF EXISTS workers;
        CREATE TABLE meta (config TEXT NOT NULL);
        CREATE TABLE versions (key INTEGER PRIMARY KEY, version INTEGER NOT NULL);
        CREATE TABLE origin (reads INTEGER NOT NULL, writes INTEGER NOT NULL);
        INSERT INTO origin VALUES (0, 0);
        DROP TABLE IF EXISTS events; DROP TABLE IF EXISTS accepting;
        CREATE TABLE events (t REAL NOT NULL, pid INTEGER NOT NULL, slot INTEGER NOT NULL, kind TEXT NOT NULL);
        CREATE TABLE accepting (pid INTEGER PRIMARY KEY);
        CREATE TABLE workers (
            slot INTEGER PRIMARY KEY, pid INTEGER NOT NULL DEFAULT 0,
            Generation INTEGER NOT NULL DEFAULT 0, Recycles INTEGER NOT NULL DEFAULT 0,
            Requests INTEGER NOT NULL DEFAULT 0, Reads INTEGER NOT NULL DEFAULT 0,
            Writes INTEGER NOT NULL DEFAULT 0, Hits INTEGER NOT NULL DEFAULT 0,
            Misses INTEGER NOT NULL DEFAULT 0, LocalHits INTEGER NOT NULL DEFAULT 0,
            Stale INTEGER NOT NULL DEFAULT 0, Evictions INTEGER NOT NULL DEFAULT 0,
            Degraded INTEGER NOT NULL DEFAULT 0, Currsize INTEGER NOT NULL DEFAULT 0, Maxsize INTEGER NOT NULL,
            RequestsLeft INTEGER NOT NULL DEFAULT -1, Retiring INTEGER NOT NULL DEFAULT 0);
        """
    )
    c.execute("INSERT INTO meta VALUES (?)", (config,))
    c.executemany("INSERT INTO workers (slot, Maxsize) VALUES (?, ?)", [(i, cache) for i in range(workers)])
    c.close()


def started(s, pid, currsize, maxsize):
    """Records that pid now serves slot s; a slot served before counts a recycle,
    unless the process it replaces counted its own at its last request."""
    c = conn()
    with _tx(c):
        c.execute("INSERT OR IGNORE INTO workers (slot, Maxsize) VALUES (?, ?)", (s, maxsize))
        c.execute(
            "UPDATE workers SET Generation = Generation + (pid != 0),"
            " Recycles = Recycles + (pid != 0 AND Retiring = 0), Retiring = 0,"
            " pid = ?, Currsize = ? WHERE slot = ?",
            (pid, currsize, s),
        )


def event(pid, slot, kind, t):
    """Records that process pid of worker slot was forked, started (up) or
    stopped accepting (down), or was reaped by the master, at monotonic time t.
    A fresh connection each time: the master calls this too, and a connection
    must never be shared across a fork."""
    c = sqlite3.connect(path(), timeout=30, isolation_level=None)
    try:
        c.execute("PRAGMA synchronous=OFF")  # no fsync: it would delay the worker it times
        with _tx(c):
            c.execute("INSERT INTO events VALUES (?, ?, ?, ?)", (t, pid, slot, kind))
            if kind == UP:
                c.execute("INSERT OR IGNORE INTO accepting VALUES (?)", (pid,))
            elif kind in (DOWN, REAPED):
                c.execute("DELETE FROM accepting WHERE pid = ?", (pid,))
    finally:
        c.close()


def degraded(c, workers, now):
    """Seconds, since all workers were first up, with fewer than workers
    processes accepting (recycling, a replacement booting, crashes), and how
    many accept now."""
    up, full, total, last = set(), False, 0.0, None
    for t, pid, kind in c.execute("SELECT t, pid, kind FROM events WHERE kind != ? ORDER BY t, rowid", (FORK,)):
        if full and len(up) < workers:
            total += t - last
        last = t
        if kind == UP:
            up.add(pid)
        else:
            up.discard(pid)
        full = full or len(up) >= workers
    if full and len(up) < workers:
        total += now - last
    return total, len(up)


def replacements(c):
    """Each replacement worker's two delays, in µs: respawn, from the moment
    the process it replaces stopped accepting (after its last request) to the
    replacement's fork (the old process's exit, the master's reaping and
    spawn_workers); boot, from the fork to accepting (the app's import). And
    the first workers' boots."""
    slots = {}
    for t, slot, kind in c.execute("SELECT t, slot, kind FROM events ORDER BY t, rowid"):
        slots.setdefault(slot, []).append((kind, t))
    out, first = [], []
    for slot, evs in sorted(slots.items()):
        down = fork = None
        for kind, t in evs:
            if kind == FORK:
                if down is not None:
                    out.append({"Slot": slot, "RespawnMicros": round((t - down) * 1e6)})
                fork, down = t, None
            elif kind == UP and fork is not None:
                boot = round((t - fork) * 1e6)
                if out and out[-1]["Slot"] == slot and "BootMicros" not in out[-1]:
                    out[-1]["BootMicros"] = boot
                else:
                    first.append(boot)
                fork = None
            elif kind in (DOWN, REAPED) and down is None and fork is None:
                down = t  # the first of the two: worker_exit, or reaping for a killed worker
    return out, first


def version(key):
    """The origin's version of key now (a read that takes no lock)."""
    row = conn().execute("SELECT version FROM versions WHERE key = ?", (key,)).fetchone()
    return row[0] if row else 0


def record(op, key, held, evicted, currsize, left):
    """Counts one workload request of this worker and returns the origin's version
    after it. op: "hit" (held is the version the cache answered), "miss" or "write"
    (which bumps the version). Both happen in one transaction, so a hit is judged
    stale against the version at the moment it is counted. A request counted
    while fewer than every worker accepts is Degraded. The request after which
    gunicorn stops the worker (max-requests) counts its recycle, as the engine
    does, not its replacement's start seconds later."""
    c = conn()
    with _tx(c):
        cur = c.execute("SELECT version FROM versions WHERE key = ?", (key,)).fetchone()
        cur = cur[0] if cur else 0
        d = dict.fromkeys(COUNTERS, 0)
        d["Requests"], d["Evictions"] = 1, evicted
        d["Degraded"] = int(c.execute("SELECT (SELECT COUNT(*) FROM accepting) < (SELECT COUNT(*) FROM workers)").fetchone()[0])
        if op == "write":
            cur += 1
            c.execute("INSERT OR REPLACE INTO versions VALUES (?, ?)", (key, cur))
            c.execute("UPDATE origin SET writes = writes + 1")
            d["Writes"] = 1
        elif op == "miss":
            c.execute("UPDATE origin SET reads = reads + 1")
            d["Reads"] = d["Misses"] = 1
        else:
            d["Reads"] = d["Hits"] = d["LocalHits"] = 1
            d["Stale"] = int(held < cur)
        # Once: with --threads, requests in flight may finish after the last.
        last = int(worker is not None and not worker.alive)
        sets = ", ".join(f"{k} = {k} + ?" for k in COUNTERS)
        c.execute(
            f"UPDATE workers SET {sets}, Currsize = ?, RequestsLeft = ?,"
            " Recycles = Recycles + (? AND Retiring = 0), Retiring = (Retiring OR ?) WHERE slot = ?",
            [d[k] for k in COUNTERS] + [currsize, left, last, last, slot],
        )
    return cur


def stats():
    """The whole server's counters in the shape of cachepit real's /stats."""
    c = conn()
    with _tx(c, "BEGIN"):
        config = c.execute("SELECT config FROM meta").fetchone()[0]
        reads, writes = c.execute("SELECT reads, writes FROM origin").fetchone()
        cols = ["slot", "pid", "Generation", "Recycles", "Currsize", "Maxsize", "RequestsLeft"] + COUNTERS
        rows = [dict(zip(cols, r)) for r in c.execute(f"SELECT {', '.join(cols)} FROM workers ORDER BY slot")]
        down, accepting = degraded(c, len(rows), time.monotonic())
        repl, first = replacements(c)
    workers, total = [], _stats(-1)
    for r in rows:
        w = _stats(r["slot"])
        for k in COUNTERS + ["Generation", "Recycles", "Currsize", "Maxsize", "RequestsLeft"]:
            w[k] = r[k]
        w["PID"] = r["pid"]
        workers.append(w)
        for k in COUNTERS + ["Generation", "Recycles", "Currsize", "Maxsize"]:
            total[k] += r[k]
    return {
        "Total": total,
        "Workers": workers,
        "Origin": {"Reads": reads, "Writes": writes},
        "HitRatio": total["Hits"] / total["Reads"] if total["Reads"] else 0,
        "config": config,
        "DegradedMicros": round(down * 1e6),  # time with fewer than every worker accepting
        "Accepting": accepting,  # workers that have loaded the app and not stopped
        "Replacements": repl,  # each replacement's respawn and boot, µs
        "FirstBootMicros": first,  # the first workers' boots (fork to accepting), µs
    }


def _stats(i):
    w = {"ID": i, "Generation": 0, "SharedHits": 0, "Expired": 0, "Recycles": 0, "BusyMicros": 0,
         "Currsize": 0, "Maxsize": 0, "RequestsLeft": -1}
    w.update(dict.fromkeys(COUNTERS, 0))
    return w


class _tx:
    """BEGIN IMMEDIATE takes the write lock at once, so two workers never
    deadlock upgrading a read; COMMIT or ROLLBACK at the end."""

    def __init__(self, c, begin="BEGIN IMMEDIATE"):
        self.c, self.begin = c, begin

    def __enter__(self):
        self.c.execute(self.begin)

    def __exit__(self, exc_type, exc, tb):
        self.c.execute("ROLLBACK" if exc_type else "COMMIT")
