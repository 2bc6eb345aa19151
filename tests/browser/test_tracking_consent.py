"""The consent banner and the first-party script, in a real browser against a live server.

The server runs inside the test process (`site_in_process`) so Segment can be pointed at a local
sink for this test.
"""

import pytest

from tests.tracking.conftest import SegmentSink
from tracking import delivery

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


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
def arabic_article_url(db) -> str:
    """Read before Playwright starts: its event loop makes ORM calls in the test unsafe."""
    from pages.models import ArticlePage

    page = ArticlePage.objects.live().filter(locale__language_code="ar").first()
    return page.relative_url(page.get_site())


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(locale="ar")
    yield context.new_page()
    context.close()


def test_accepting_in_the_banner_loads_our_script_and_browser_events_reach_segment(
    arabic_article_url, site_in_process, sink, browser_page
):
    page = browser_page
    page.goto(site_in_process + arabic_article_url)
    banner = page.locator("[data-consent-banner]")
    assert banner.is_visible()
    screenshot(page, "tracking-consent-banner-ar", full_page=False)
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
    screenshot(page, "tracking-after-consent-ru", full_page=False)
    feedback = page.locator("#article-feedback")
    assert feedback.is_visible()
    screenshot(feedback, "tracking-article-feedback-ru")
    messages = sink.wait_for(3)
    switched = [m for m in messages if m.get("event") == "Language Switched"]
    assert switched and switched[0]["properties"]["from_locale"] == "ar"
    assert switched[0]["properties"]["to_locale"] == "ru"
    assert {m["anonymousId"] for m in messages} == {switched[0]["anonymousId"]}
    assert "Help Page Viewed" in [m.get("event") for m in messages]
