"""Gunicorn, the production WSGI server: `gunicorn -c cms/gunicorn.conf.py cms.wsgi`.

Threaded workers (gthread) keep HTTP/1.1 connections alive between requests; gunicorn sets
TCP_NODELAY on its sockets, so a response is never held back waiting for the client's delayed
ACK (Django's `runserver` is a development server and does exactly that on kept-alive
connections: about 40 ms per request). Each setting can be changed from the environment.
"""

import os
import signal

from gunicorn import systemd

# Where to listen; behind a reverse proxy keep it on 127.0.0.1 (or a Unix socket).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
# Processes: Python runs one request at a time per process while it holds the GIL, and
# requests also wait on the database and Elasticsearch, so one more process than cores, each
# with a few threads, keeps the cores busy without piling up work on a small machine.
workers = int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
# Seconds a kept-alive connection may wait for its next request.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE") or 5)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 10
# No control socket (one per user's home by default: two servers on a machine would share it).
control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# Deploys without a dropped request (docs/decisions/0021-deploy-and-restarts.md):
# the app is loaded once in the master, before the workers fork, so a worker started by a reload
# (HUP) or after a crash serves at once instead of importing Django for seconds while requests wait.
# New code: `kill -USR2 <master>` (the systemd unit's reload) starts a second master with the new
# code beside the running one, sharing its listening socket; once that master has loaded the app
# (`when_ready`) it tells systemd it is the service's main process and stops the old master
# gracefully, whose workers finish the requests they hold.
preload_app = True


def when_ready(server):
    # Before the workers fork (preload_app): the search's embedding models, loaded once here,
    # are shared by every worker, and no visitor's request waits for one to load.
    from search import embeddings

    try:
        embeddings.load()
    except Exception:  # a broken model must not keep the site down: words still answer
        server.log.exception("search: the embedding models did not load before the fork")
    if server.master_pid:  # started by USR2: the previous master still serves
        systemd.sd_notify(f"MAINPID={os.getpid()}", server.log)
        server.log.info("new code ready: stopping the previous master %s", server.master_pid)
        os.kill(server.master_pid, signal.SIGTERM)


def post_fork(server, worker):
    # No database connection crosses the fork: each worker opens its own.
    from django.db import connections

    connections.close_all()


def pre_exec(server):
    # Under systemd's socket (LISTEN_FDS) the new master of a USR2 looks for its socket at file
    # descriptor 3, where systemd put it; this master holds it at the descriptor it duplicated
    # it to. Put it back at 3 (one socket unit, one socket) before the new master starts.
    if server.systemd:
        for number, listener in enumerate(server.LISTENERS):
            target = 3 + number
            if listener.fileno() != target:
                os.dup2(listener.fileno(), target)
            os.set_inheritable(target, True)
