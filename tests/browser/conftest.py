"""Browser tests: Debian's headless Chromium, driven by Playwright, against a real server.

The server is a separate `manage.py runserver` process with its own database, migrated and seeded
with the demo help center like `make run` does, so browser tests see exactly what a visitor sees
and never share a transaction with the rest of the suite.
"""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Each running `live_site` server by base URL: its log file ("log", a Path) and its environment
# ("env", for management commands against its database).
LIVE_SITES: dict[str, dict] = {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browser_database(tmp_dir: Path, request) -> tuple[str, bool]:
    """(database URL for the browser-test server, whether it still needs migrating and seeding).

    On PostgreSQL with a test database in use, a copy of it with the demo seeded; otherwise a
    fresh database on the same server (PostgreSQL) or a file (SQLite)."""
    from tests.conftest import (
        BROWSER_DATABASE,
        create_postgres_database,
        postgres_url,
        test_database_in_use,
    )

    if postgres_url(BROWSER_DATABASE) is None:
        return f"sqlite:///{tmp_dir / 'browser.sqlite3'}", True
    if test_database_in_use():
        request.getfixturevalue("demo_site")  # seeds the demo and copies it for this server
        return postgres_url(BROWSER_DATABASE), False
    return create_postgres_database(BROWSER_DATABASE), True


@pytest.fixture(scope="session")
def live_site(tmp_path_factory, request, django_db_setup, django_db_blocker) -> str:
    """Base URL of a running help center with the demo content (e.g. http://127.0.0.1:PORT)."""
    tmp_dir = tmp_path_factory.mktemp("live-site")
    manage = [sys.executable, str(ROOT / "manage.py")]
    with django_db_blocker.unblock():
        database_url, needs_seed = browser_database(tmp_dir, request)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }
    if needs_seed:  # build the demo like `make run` does
        for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "-v0"]):
            subprocess.run(manage + command, env=env, cwd=ROOT, check=True, timeout=900)
    port = free_port()
    log = (tmp_dir / "server.log").open("w")
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/healthz", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(
                    "the browser-test server did not start:\n"
                    + (tmp_dir / "server.log").read_text()
                ) from None
            time.sleep(0.3)
    LIVE_SITES[base_url] = {"log": tmp_dir / "server.log", "env": env}
    yield base_url
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture
def site_in_process(demo_site, db):
    """The seeded test database served by a threaded WSGI server inside the test process, for
    tests that change settings while the browser runs (e.g. point Segment at a local sink).
    Its request threads have their own database connections: they see what is committed."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(StaticFilesHandler(WSGIHandler()))
    server.daemon_threads = False  # server_close() waits for request threads (and their
    server.block_on_close = True  # database connections) to finish
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium")
    # Playwright's sync API keeps an event loop in this thread; Django must not mistake the
    # test process for async code meanwhile. Restored afterwards so it leaks into nothing else.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def tab(browser, request):
    """A fresh browser tab (its own cookies); a screenshot is saved when the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        screenshot(page, f"FAILED-{request.node.name}")
    context.close()


def screenshot(target, name: str, **options) -> Path:
    """Save a PNG of a page (whole page unless told otherwise) or of one element."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if hasattr(target, "goto"):
        options.setdefault("full_page", True)
    target.screenshot(path=str(path), **options)
    return path


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
