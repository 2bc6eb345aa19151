"""Search-as-you-type in a real browser: type, pick a suggestion with the keyboard, land on it.

The site is served by a real HTTP server on 127.0.0.1 over the seeded test database. (pytest-
django's `live_server` flushes the database after each test, which would erase the demo help
center the whole suite shares.)"""

import os
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.conf import settings

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


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are
    # synchronous. Allowed only while this module's browser runs (never left set afterwards).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class _ThreadingServer(WSGIServer):
    daemon_threads = True

    def process_request(self, request, client_address):
        thread = threading.Thread(target=self._handle, args=(request, client_address), daemon=True)
        thread.start()

    def _handle(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        finally:
            self.shutdown_request(request)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Site:
    def __init__(self, url: str):
        self.url = url


@pytest.fixture(scope="module")
def site_server():
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1",
        0,
        StaticFilesHandler(get_wsgi_application()),
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _Site(f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    server.server_close()


@pytest.fixture
def live_site(site_server, demo):
    return site_server


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("en", "reset your", "/en/account-and-login/reset-your-password/"),
        ("ar", "إعادة تعي", "/ar/account-and-login/reset-your-password/"),
    ],
)
def test_type_choose_with_the_keyboard_and_land_on_the_article(
    live_site, page, language, typed, expected
):
    if not settings.SEARCH_URL:
        pytest.skip("SEARCH_URL is not set: run through `make test`, which starts Elasticsearch")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{live_site.url}/{language}/search/")
    box = page.locator("#search-results")
    box.click()
    box.press_sequentially(typed, delay=60)
    listbox = page.locator("#search-results-listbox")
    listbox.wait_for(state="visible", timeout=10_000)
    assert box.get_attribute("aria-expanded") == "true"
    assert page.locator("#search-results-listbox [role=option]").count() >= 1
    status = page.locator(".search-combobox [role=status]").first
    assert status.inner_text().strip()  # announced to screen readers
    box.press("ArrowDown")
    first = page.locator("#search-results-listbox [role=option]").first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    page.screenshot(path=str(SCREENSHOTS / f"search-autocomplete-{language}.png"))
    if language == "ar":
        # The list opens under the box, aligned to its right edge in RTL.
        box_right = box.bounding_box()["x"] + box.bounding_box()["width"]
        list_box = listbox.bounding_box()
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert abs((list_box["x"] + list_box["width"]) - box_right) < 120
    with page.expect_navigation():
        box.press("Enter")
    assert page.url == f"{live_site.url}{expected}"


def test_escape_closes_the_suggestions(live_site, page):
    if not settings.SEARCH_URL:
        pytest.skip("SEARCH_URL is not set")
    page.goto(f"{live_site.url}/en/search/")
    box = page.locator("#search-results")
    box.click()
    box.press_sequentially("pass", delay=60)
    page.locator("#search-results-listbox").wait_for(state="visible", timeout=10_000)
    box.press("Escape")
    assert page.locator("#search-results-listbox").is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
