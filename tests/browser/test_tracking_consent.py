"""The consent banner and the first-party script, in a real browser against a live server.

The server is Django's threaded WSGI server on 127.0.0.1 serving the seeded test database as it
is (pytest-django's `live_server` would flush that database after the test).
"""

import threading
from pathlib import Path

import pytest

from tests.tracking.conftest import SegmentSink
from tracking import delivery

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def sink(settings):
    sink = SegmentSink()
    sink.thread.start()
    settings.SEGMENT_WRITE_KEY = "browser-test-key"
    settings.SEGMENT_HOST = sink.url
    settings.TRACKING_UPLOAD_INTERVAL = 0.05
    settings.TRACKING_RECORD_ASYNC = False  # the server's request threads write (and close)
    delivery.counters.reset()
    yield sink
    delivery.shutdown()
    sink.server.shutdown()
    sink.server.server_close()


@pytest.fixture
def site_server(db):
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


@pytest.fixture
def arabic_article_url(db) -> str:
    """Read before Playwright starts: its event loop makes ORM calls in the test unsafe."""
    from pages.models import ArticlePage

    return ArticlePage.objects.live().filter(locale__language_code="ar").first().url


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(locale="ar")
        yield context.new_page()
        browser.close()


def test_accepting_in_the_banner_loads_our_script_and_browser_events_reach_segment(
    arabic_article_url, site_server, sink, browser_page
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    page.goto(site_server + arabic_article_url)
    banner = page.locator("[data-consent-banner]")
    assert banner.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "tracking-consent-banner-ar.png"), full_page=False)
    assert page.locator("script[src*='tracking.js']").count() == 0
    delivery.flush()
    assert sink.messages == [], "nothing is sent before consent"

    banner.locator("button[value=granted]").click()
    page.wait_for_load_state()
    assert page.locator("[data-consent-banner]").count() == 0
    assert page.locator("script[src*='tracking.js']").count() == 1
    page.locator(".language-switcher summary").click()
    page.locator(".language-switcher a[hreflang=ru]").click()
    page.wait_for_url("**/ru/**")
    page.screenshot(path=str(SCREENSHOTS / "tracking-after-consent-ru.png"), full_page=False)
    feedback = page.locator("#article-feedback")
    assert feedback.is_visible()
    feedback.screenshot(path=str(SCREENSHOTS / "tracking-article-feedback-ru.png"))
    messages = sink.wait_for(3)
    switched = [m for m in messages if m.get("event") == "Language Switched"]
    assert switched and switched[0]["properties"]["from_locale"] == "ar"
    assert switched[0]["properties"]["to_locale"] == "ru"
    assert {m["anonymousId"] for m in messages} == {switched[0]["anonymousId"]}
    assert "Help Page Viewed" in [m.get("event") for m in messages]
