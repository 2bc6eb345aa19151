"""The contact-form limit holds exactly across processes: gunicorn with 3 workers
(cms/gunicorn.conf.py) on the test database, counting in the test Redis; twelve visitors
(sessions) behind one address post at once, exactly FORMS_RATE_LIMIT_IP get through. Behind a
trusted proxy, a forged X-Forwarded-For entry lands in the same bucket.

Needs PostgreSQL (the server serves the seeded demo's account-hacked form from the test
database) and REDIS_URL: `make test` provides both (cms/services/postgres.sh,
cms/services/redis.sh). The submissions the server commits are deleted after the module."""

import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Barrier
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.db import connection

from forms.models import Submission

from .conftest import VALID_HACKED

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 5
VISITORS = 12

pytestmark = pytest.mark.django_db


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(rate_limits):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL): run `make test`")
    url = urlsplit(os.environ["DATABASE_URL"])
    test_database = urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": test_database,
        "SEARCH_URL": "",
        "HELPDESK_URL": "",
        "RATELIMIT_ENABLE": "true",
        "FORMS_RATE_LIMIT_IP": f"{LIMIT}/600",
        "FORMS_RATE_LIMIT_SESSION": "100/600",
        "FORMS_RATE_LIMIT_INVALID": "100/600",
        "GEO_TRUSTED_PROXIES": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "3",
        "GUNICORN_THREADS": "4",
        "GUNICORN_ACCESS_LOG": "",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "cms/gunicorn.conf.py", "cms.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                requests.get(f"{base}/robots.txt", timeout=10)
                break
            except requests.RequestException:
                if server.poll() is not None:
                    pytest.fail(f"gunicorn exited: {server.stderr.read()[-2000:]}")
                time.sleep(0.5)
        workers = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(workers) == 3, workers
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def form_page(demo_site, django_db_blocker):
    """The demo's English account-hacked form; what the server stored for it is removed after."""
    from forms.models import ContactFormPage

    with django_db_blocker.unblock():
        page = ContactFormPage.objects.live().get(slug="account-hacked", locale__language_code="en")
        before = set(Submission.objects.filter(page=page).values_list("pk", flat=True))
    yield page
    with django_db_blocker.unblock():
        Submission.objects.filter(page=page).exclude(pk__in=before).delete()


def visitor(base: str, url: str, forwarded_for: str) -> tuple[requests.Session, dict]:
    """A browser session that opened the form: its cookies and the form's CSRF token."""
    session = requests.Session()
    session.headers["X-Forwarded-For"] = forwarded_for
    page = session.get(base + url, timeout=10)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session, {**VALID_HACKED, "csrfmiddlewaretoken": token}


def post_all_at_once(base: str, url: str, visitors) -> list[requests.Response]:
    start = Barrier(len(visitors))

    def post(pair):
        session, data = pair
        start.wait()
        return session.post(
            base + url,
            data=data,
            headers={"Referer": base + url},
            allow_redirects=False,
            timeout=30,
        )

    with ThreadPoolExecutor(len(visitors)) as pool:
        return list(pool.map(post, visitors))


def test_the_contact_form_limit_holds_exactly_across_three_workers(gunicorn, form_page):
    url = form_page.relative_url(form_page.get_site())
    before = Submission.objects.filter(page=form_page).count()
    # The proxy appends the real client; whatever a client sent before it is forgeable.
    visitors = [visitor(gunicorn, url, f"203.0.113.{n}, 198.51.100.7") for n in range(VISITORS)]
    responses = post_all_at_once(gunicorn, url, visitors)
    codes = sorted(response.status_code for response in responses)
    assert codes == [303] * LIMIT + [429] * (VISITORS - LIMIT)
    assert all(int(r.headers["Retry-After"]) > 0 for r in responses if r.status_code == 429)
    assert Submission.objects.filter(page=form_page).count() == before + LIMIT
    # Another client behind the same proxy has its own bucket.
    other = visitor(gunicorn, url, "198.51.100.8")
    assert post_all_at_once(gunicorn, url, [other])[0].status_code == 303
