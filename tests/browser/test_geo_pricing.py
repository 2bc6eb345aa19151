"""What only a browser shows: RTL pricing in Arabic and a region's theme colours.

The server is Django's live-server thread over the seeded test database, started without
pytest-django's `live_server` (whose transactional flush would empty the seeded database for
the rest of the session); the pages are only read.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_currency

from .conftest import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def site_url(django_db_setup, django_db_blocker):
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait(timeout=30)
        if thread.error:
            raise thread.error
        try:
            yield f"http://127.0.0.1:{thread.port}"
        finally:
            thread.terminate()


@pytest.fixture
def geo_page(site_url, settings):
    from playwright.sync_api import sync_playwright

    from geo import geoip
    from snippets import regions

    settings.GEO_PUBLIC_OVERRIDE = True  # so the browser can ask for a region with ?region=
    settings.GEOIP_PATH = ""
    settings.GEO_TRUSTED_HEADER = ""
    geoip.reset()
    regions.invalidate()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.base_url = site_url
        yield page
        browser.close()


def test_arabic_pricing_reads_right_to_left(geo_page):
    page = geo_page
    page.goto(f"{page.base_url}/ar/ads-and-billing/ad-pricing/?region=gulf")
    assert page.get_attribute("html", "dir") == "rtl"
    table = page.locator(".pricing")
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "geo-pricing-ar-page.png"), full_page=True)
    table.screenshot(path=str(SCREENSHOTS / "geo-pricing-ar.png"))

    first_row = table.locator("tbody tr").first
    label_box = first_row.locator("th").bounding_box()
    price_box = first_row.locator("td").bounding_box()
    assert price_box["x"] + price_box["width"] <= label_box["x"] + 1  # price on the left in RTL
    fee = table.locator("tbody tr").nth(2).locator("bdi").inner_text()
    assert fee == format_currency(Decimal("1234.56"), "AED", locale="ar")
    assert "دول الخليج" in table.locator(".pricing__region").inner_text()
    assert table.locator(".pricing__note").inner_text() == "سعر تقديري، وقد تُطبَّق ضرائب."


def test_a_regions_theme_colours_the_header(geo_page):
    page = geo_page
    page.goto(f"{page.base_url}/ja/ads-and-billing/ad-pricing/?region=JP")
    header = page.locator(".site-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(181, 36, 92)"
    page.screenshot(path=str(SCREENSHOTS / "geo-pricing-ja-sakura.png"))
    page.goto(f"{page.base_url}/de/ads-and-billing/ad-pricing/?region=DE")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(200, 16, 46)"
