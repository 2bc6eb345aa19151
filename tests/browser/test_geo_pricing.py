"""What only a browser shows: RTL pricing in Arabic and a region's theme colours.

The server runs inside the test process (`site_in_process`) so the test can allow the region
preview override for anonymous visitors; the pages are only read.
"""

from decimal import Decimal

import pytest
from babel.numbers import format_currency

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def geo_page(site_in_process, browser, settings):
    from geo import geoip
    from snippets import regions

    settings.GEO_PUBLIC_OVERRIDE = True  # so the browser can ask for a region with ?region=
    settings.GEOIP_PATH = ""
    settings.GEO_TRUSTED_HEADER = ""
    geoip.reset()
    regions.invalidate()
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.base_url = site_in_process
    yield page
    page.context.close()


def test_arabic_pricing_reads_right_to_left(geo_page):
    page = geo_page
    page.goto(f"{page.base_url}/ar/ads-and-billing/ad-pricing/?region=gulf")
    assert page.get_attribute("html", "dir") == "rtl"
    table = page.locator(".pricing")
    table.scroll_into_view_if_needed()
    screenshot(page, "geo-pricing-ar-page")
    screenshot(table, "geo-pricing-ar")

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
    screenshot(page, "geo-pricing-ja-sakura", full_page=False)
    page.goto(f"{page.base_url}/de/ads-and-billing/ad-pricing/?region=DE")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(200, 16, 46)"
