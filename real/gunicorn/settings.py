"""The reference app's settings, read from the engine's URL query (sim.Config.Query).

    python3 settings.py 'workers=4&cache=100&max-requests=500'

prints the matching gunicorn flags (-w 4 --max-requests 500 ...), so that one query
sets up both gunicorn and the app. The query may be a whole playground link's query:
workload settings (keys, dist, writes, ...) are the load generator's and are ignored.
"""

import sys
from urllib.parse import parse_qs

# The server's settings, as the engine names them, with the app's defaults:
# the post ran gunicorn -w 2 with @lru_cache(maxsize=2); an origin read or
# write takes 5 ms, the engine's default origin cost (and cachepit real's).
DEFAULTS = {
    "workers": 2,
    "cache": 2,
    "mode": "local",
    "max-requests": 0,
    "max-requests-jitter": 0,
    "preload": False,
    "cost-origin": 5000,
    "threads": 1,
    "timeout": 0,  # seconds; the engine's default, never (gunicorn's own default is 30)
}

# Ranges as in the engine's sim.Fields (threads: gunicorn's gthread worker).
RANGES = {
    "workers": (1, 256),
    "cache": (1, 1_000_000),
    "max-requests": (0, 1_000_000_000),
    "max-requests-jitter": (0, 1_000_000_000),
    "cost-origin": (0, 10_000_000),
    "threads": (1, 256),
}

# Settings of the workload, the balancer, the engine's time model (cpu, boot:
# the real app has its own) or a scripted deploy: the load generator's
# business, accepted and ignored here.
WORKLOAD = {
    "keys", "dist", "alpha", "hot-keys", "hot-traffic", "writes", "balancer", "seed",
    "warmup", "requests", "shared-cache", "cost-local", "cost-shared",
    "arrivals", "clients", "think", "rate", "cpu", "boot", "backlog", "deploy-at", "rolling",
}


class SettingsError(ValueError):
    """A setting the reference app cannot run with; the message says which."""


def parse(query):
    """Returns the server's settings from a URL query; raises SettingsError."""
    s = dict(DEFAULTS)
    for name, values in parse_qs(query, keep_blank_values=True, strict_parsing=False).items():
        v = values[-1]
        if name in RANGES:
            lo, hi = RANGES[name]
            try:
                n = int(v)
            except ValueError:
                raise SettingsError(f"{name} must be a whole number from {lo} to {hi}, got {v!r}") from None
            if not lo <= n <= hi:
                raise SettingsError(f"{name} must be between {lo} and {hi}, got {n}")
            s[name] = n
        elif name == "preload":
            if v.lower() not in ("true", "false", "1", "0"):
                raise SettingsError(f"preload must be true or false, got {v!r}")
            s[name] = v.lower() in ("true", "1")
        elif name == "mode":
            if v != "local":
                raise SettingsError(f"mode {v!r}: the reference app keeps one LRU cache per worker (mode local) only")
        elif name == "coalesce":
            if v not in ("none", ""):
                raise SettingsError("coalesce: functools.lru_cache has no single-flight: each thread that misses calls the function (coalesce none)")
        elif name == "origin-conns":
            if v not in ("0", ""):
                raise SettingsError("origin-conns: the reference app's origin (sqlite) has no connection pool to limit")
        elif name == "timeout":
            n = v[:-1] if v.endswith("s") else v
            if not (n.isascii() and n.isdigit()) or int(n) > 3600:
                raise SettingsError(f"timeout must be whole seconds from 0s to 3600s for gunicorn --timeout, got {v!r}")
            s[name] = int(n)
        elif name == "ttl":
            if v not in ("0", "0s", ""):
                raise SettingsError("ttl: the reference app's entries live until evicted (functools.lru_cache has no TTL)")
        elif name not in WORKLOAD:
            raise SettingsError(f"unknown setting {name!r}")
    return s


def query(s):
    """Formats settings as the engine's URL query; threads only when above 1,
    so that an engine without threads still reads a sync server's query."""
    out = []
    for name in DEFAULTS:
        v = s[name]
        if name == "threads" and v == 1:
            continue
        if isinstance(v, bool):
            v = "true" if v else "false"
        elif name == "timeout":
            v = f"{v}s"
        out.append(f"{name}={v}")
    return "&".join(out)


def gunicorn_flags(s):
    """Returns gunicorn's command-line flags for the settings."""
    flags = ["--workers", str(s["workers"])]
    if s["max-requests"] > 0:
        flags += ["--max-requests", str(s["max-requests"]), "--max-requests-jitter", str(s["max-requests-jitter"])]
    if s["preload"]:
        flags.append("--preload")
    if s["threads"] > 1:
        flags += ["--threads", str(s["threads"])]
    # Always said: left out, gunicorn kills a worker silent for 30 s, where the
    # engine's timeout 0 never kills; gunicorn's --timeout 0 never does either.
    flags += ["--timeout", str(s["timeout"])]
    return flags


def main(argv):
    if len(argv) != 2:
        print("usage: python3 settings.py 'workers=4&cache=100' (prints gunicorn's flags)", file=sys.stderr)
        return 2
    try:
        print(" ".join(gunicorn_flags(parse(argv[1]))))
    except SettingsError as e:
        print(f"settings: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
