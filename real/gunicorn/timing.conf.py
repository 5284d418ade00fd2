"""gunicorn.conf.py's hooks plus a timestamp on stderr at each step of a worker's
life, to see where a recycle's time goes:

    cd real/gunicorn && CACHEPIT_CONFIG='workers=4&max-requests=50' \\
        gunicorn -c timing.conf.py $(python3 settings.py 'workers=4&max-requests=50') app:app 2> timing.log

Each line is "T <time.monotonic()> <step> <pid>" (one clock for every process):
prefork (master, pid 0), postfork (the new worker), booted (the app is loaded),
first (its first request), last (the request after which max-requests stops it),
wexit (worker_exit, in the worker), reaped (child_exit, in the master), and the
old worker's CPU seconds at wexit and in all (cpu_at_exit_ms_N, cpu_total_ms_N).
"""

import os
import sys
import time

_here = os.path.dirname(os.path.abspath(__file__))
_conf = os.path.join(_here, "gunicorn.conf.py")
exec(compile(open(_conf).read(), _conf, "exec"))


def _t(step, pid):
    sys.stderr.write("T %.6f %s %d\n" % (time.monotonic(), step, pid))
    sys.stderr.flush()


_pre_fork, _post_fork, _post_worker_init = pre_fork, post_fork, post_worker_init  # noqa: F821
_pre_request, _worker_exit, _child_exit = pre_request, worker_exit, child_exit  # noqa: F821
_children_cpu = [0.0]


def pre_fork(server, worker):
    _t("prefork", 0)
    _pre_fork(server, worker)


def post_fork(server, worker):
    _t("postfork", os.getpid())
    _post_fork(server, worker)


def post_worker_init(worker):
    _t("booted", os.getpid())
    _post_worker_init(worker)


def pre_request(worker, req):
    if worker.nr == 0:
        _t("first", os.getpid())
    _pre_request(worker, req)


def post_request(worker, req, environ, resp):
    if worker.nr >= worker.max_requests:
        _t("last", os.getpid())


def worker_exit(server, worker):
    tm = os.times()
    _t("wexit", os.getpid())
    _t("cpu_at_exit_ms_%d" % round((tm.user + tm.system) * 1000), os.getpid())
    _worker_exit(server, worker)


def child_exit(server, worker):
    tm = os.times()
    c = tm.children_user + tm.children_system
    _t("reaped", worker.pid)
    _t("cpu_total_ms_%d" % round((c - _children_cpu[0]) * 1000), worker.pid)
    _children_cpu[0] = c
    _child_exit(server, worker)
