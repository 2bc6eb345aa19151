"""Issue 19 in a real browser: a visitor consents on the Help Center, follows the footer link to
Business Help, and both sites' events reach the local Segment sink with the same anonymous id,
the right `property`, valid against the one plan; after "Forget me" the id changes.

The demo's two sites are served by one in-process server; Chromium resolves `*.localhost` to
the loopback address, so `help.localhost:<port>` and `business.localhost:<port>` reach it. The
sites' ports are set to the server's for the test (committed, restored afterwards)."""

import threading
import time
from urllib.parse import urlsplit

import pytest

from tests.tracking.conftest import SegmentSink
from tracking import delivery, plan

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def sink(settings):
    sink = SegmentSink()
    sink.thread.start()
    settings.SEGMENT_WRITE_KEY = "browser-test-key"
    settings.SEGMENT_HOST = sink.url
    settings.TRACKING_UPLOAD_INTERVAL = 0.05
    settings.TRACKING_RECORD_ASYNC = False
    delivery.counters.reset()
    yield sink
    delivery.shutdown()
    sink.server.shutdown()
    sink.server.server_close()


def _committed(work):
    """Run `work` on a connection of its own (committed at once, seen by the server's request
    threads), not in the test's transaction."""
    from django.db import connection

    result = {}

    def run():
        try:
            result["value"] = work()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result["value"]


@pytest.fixture
def two_hosts(site_in_process, django_db_blocker):
    """{"help": base URL, "business": base URL, "help_article", "business_article": paths}."""
    from wagtail.models import Site

    from pages.models import ArticlePage, WebProperty

    port = urlsplit(site_in_process).port

    def move_sites(ports):
        moved = {}
        for prop in WebProperty.objects.select_related("site"):
            site = prop.site
            moved[prop.key] = (site.hostname, site.port)
            site.port = ports.get(prop.key, port)
            site.save()  # its signals clear Wagtail's site root paths and the navigation
        return moved

    def first_articles():
        articles = {}
        for prop in WebProperty.objects.select_related("site"):
            article = (
                ArticlePage.objects.live()
                .descendant_of(prop.site.root_page)
                .filter(locale__language_code="en")
                .order_by("path")
                .first()
            )
            articles[f"{prop.key}_article"] = article.get_url_parts()[2]
        return articles

    with django_db_blocker.unblock():
        before = _committed(lambda: move_sites({}))
        hosts = {key: f"http://{hostname}:{port}" for key, (hostname, _old) in before.items()}
        hosts.update(_committed(first_articles))
    assert Site.objects.count() >= 2
    yield hosts
    with django_db_blocker.unblock():
        _committed(lambda: move_sites({key: old for key, (_host, old) in before.items()}))


def _views(sink, business_views: int, timeout: float = 10) -> list[dict]:
    """The "Help Page Viewed" events, once Business Help has sent `business_views` of them."""
    deadline = time.monotonic() + timeout
    while True:
        delivery.flush()
        views = [m for m in sink.messages if m.get("event") == "Help Page Viewed"]
        business = [m for m in views if m["context"].get("property") == "business"]
        if len(business) >= business_views or time.monotonic() > deadline:
            return views
        time.sleep(0.05)


def test_one_anonymous_id_across_properties_until_forget_me(two_hosts, sink, tab):
    tab.goto(two_hosts["help"] + two_hosts["help_article"])
    tab.locator("[data-consent-banner] button[value=granted]").click()
    tab.wait_for_load_state()
    tab.goto(two_hosts["help"] + two_hosts["help_article"])
    screenshot(tab, "property-help-after-consent", full_page=False)
    tab.locator("a[data-other-property]").first.click()
    tab.wait_for_url(two_hosts["business"] + "/en/")
    assert tab.locator("[data-consent-banner]:visible").count() == 0  # the choice came along
    assert "theme-business" in tab.locator("body").get_attribute("class")
    screenshot(tab, "property-business-home", full_page=False)
    tab.goto(two_hosts["business"] + two_hosts["business_article"])
    viewed = _views(sink, 1)
    by_property = {m["context"]["property"] for m in viewed}
    assert by_property == {"help", "business"}, [(m["context"], m["properties"]) for m in viewed]
    assert len({m["anonymousId"] for m in viewed}) == 1
    for message in viewed:
        assert plan.validate(message["event"], message["properties"], message["context"]) is None
    first_id = viewed[0]["anonymousId"]

    tab.locator("[data-forget-me]").click()
    tab.wait_for_load_state()
    tab.goto(two_hosts["business"] + two_hosts["business_article"])
    after = _views(sink, 2)[-1]
    assert after["context"]["property"] == "business"
    assert after["anonymousId"] != first_id
