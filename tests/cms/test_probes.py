"""Load-balancer probes under the production settings' rules (HTTPS redirect on, one allowed
host): /healthz, /healthz/ready and /healthz/live answer on any Host, over plain HTTP, with no
logged error; every other path still redirects and still refuses unknown hosts."""

import logging

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_rules(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["help.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000


@pytest.mark.parametrize("path", ["/healthz", "/healthz/ready", "/healthz/live"])
@pytest.mark.parametrize("host", ["127.0.0.1", "10.0.3.7:8000", "localhost", "help.example.com"])
def test_probes_answer_on_any_host_over_plain_http(client, production_rules, caplog, path, host):
    with caplog.at_level(logging.WARNING):
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json()["status"] in {"ok", "degraded"}
    assert response["Cache-Control"].startswith("max-age=0")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_head_probe_works_too(client, production_rules):
    assert client.head("/healthz/live", HTTP_HOST="127.0.0.1").status_code == 200


def test_other_paths_keep_the_host_check_and_the_https_redirect(client, production_rules):
    assert client.get("/robots.txt", HTTP_HOST="127.0.0.1").status_code == 400
    redirect = client.get("/robots.txt", HTTP_HOST="help.example.com")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://help.example.com/robots.txt"
    # a probe-like path that is not a probe is not exempt
    assert client.get("/healthz/other", HTTP_HOST="127.0.0.1").status_code == 400
    assert client.post("/healthz", HTTP_HOST="127.0.0.1").status_code == 400


def test_liveness_does_not_touch_the_database(client, production_rules, monkeypatch):
    from django.db import connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    assert client.get("/healthz/live", HTTP_HOST="127.0.0.1").json() == {"status": "ok"}
    ready = client.get("/healthz/ready", HTTP_HOST="127.0.0.1")
    assert ready.status_code == 503 and ready.json()["status"] == "down"


def test_readiness_reports_the_help_desk_worker(client, production_rules, settings):
    settings.HELPDESK_URL = "http://127.0.0.1:9/tickets"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "helpdesk": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["helpdesk"]},
    }
    body = client.get("/healthz/ready", HTTP_HOST="127.0.0.1").json()
    assert body["status"] == "degraded" and body["helpdesk"] == "degraded"  # no worker beats
    figures = body["details"]["helpdesk"]
    assert figures["heartbeat_age_seconds"] is None and figures["pending"] == 0
    assert figures["oldest_pending_age_seconds"] is None
