"""Gunicorn, the production WSGI server: `gunicorn -c cms/gunicorn.conf.py cms.wsgi`.

Threaded workers (gthread) keep HTTP/1.1 connections alive between requests; gunicorn sets
TCP_NODELAY on its sockets, so a response is never held back waiting for the client's delayed
ACK (Django's `runserver` is a development server and does exactly that on kept-alive
connections: about 40 ms per request). Each setting can be changed from the environment.
"""

import os

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
