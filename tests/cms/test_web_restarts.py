"""Deploying new code or restarting the web server under load drops no request: gunicorn with the
project's configuration, on a listening socket held outside it as systemd's socket unit holds it
(tests/bench/reload.py's Server). `make bench-reload` measures the latency of the same events."""

import os
import signal
import socket
import threading
import time
from http.client import HTTPConnection

import pytest

from tests.bench.reload import ROOT, Server

SECRET = "x7!Kq2-production-like-secret-key-with-50-plus-characters-9z"


@pytest.fixture
def production_env(tmp_path, monkeypatch):
    for name, value in {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",  # /healthz only asks SELECT 1
        "SEARCH_URL": "",
        "HELPDESK_URL": "",
        "WEB_CONCURRENCY": "1",  # one worker is enough to lose requests, and boots fastest
        "GUNICORN_KEEPALIVE": "1",
        "LOG_LEVEL": "WARNING",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    return tmp_path


def _visitors(port: int, stop: threading.Event, answers: list, count: int = 4):
    def visit():
        while not stop.is_set():
            try:
                conn = HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request(
                    "GET", "/healthz", headers={"Host": "localhost", "Connection": "close"}
                )
                response = conn.getresponse()
                response.read()
                conn.close()
                answers.append(response.status)
            except OSError as error:
                answers.append(type(error).__name__)
                time.sleep(0.01)

    threads = [threading.Thread(target=visit) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def test_code_deploy_and_restart_under_load_drop_no_request(production_env):
    held = socket.socket()
    held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    held.bind(("127.0.0.1", 0))
    held.listen(2048)
    port = held.getsockname()[1]
    server = Server(port, str(ROOT / "cms/gunicorn.conf.py"), production_env / "web.log", held)
    stop, answers = threading.Event(), []
    server.start()
    try:
        server.wait_ready()
        threads = _visitors(port, stop, answers)
        time.sleep(1)
        # New code: USR2 (the unit's reload); the new master stops the old one when ready.
        first_master = server.masters()
        server.signal(signal.SIGUSR2)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            masters = server.masters()
            if masters and set(masters).isdisjoint(first_master):
                break
            time.sleep(0.2)
        assert set(server.masters()).isdisjoint(first_master), (
            production_env / "web.log"
        ).read_text()
        served_by_new_code = len(answers)
        time.sleep(1)
        assert len(answers) > served_by_new_code  # the new master serves
        # A restart: gunicorn stops and starts while the socket stays open.
        server.stop()
        server.start()
        server.wait_ready()
        time.sleep(1)
    finally:
        stop.set()
        for thread in locals().get("threads", []):
            thread.join()
        server.stop()
        held.close()
    assert len(answers) > 20
    refused = [answer for answer in answers if answer != 200]
    assert refused == [], f"{len(refused)} of {len(answers)} requests failed: {set(refused)}"
    assert not os.path.exists(production_env / "core")
