"""Region-dependent pages never leak between regions through a cache; others stay cacheable.

Runs Django's own cache middleware (UpdateCacheMiddleware first, FetchFromCacheMiddleware last,
as Django documents) over a real local-memory cache.
"""

import pytest
from django.core.cache import caches

from snippets.models import Region

from .pages import pricing_url, shown_prices, shown_region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pricing_page")]


@pytest.fixture
def site_cache(settings, geo_settings, client):
    client.defaults["HTTP_HOST"] = "localhost"  # the site's own host: the one purges name
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "geo-cache-test",
        }
    }
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


def cached_pages(cache) -> int:
    return sum(1 for key in cache._cache if "cache_page" in key)


def test_behind_a_cdn_each_region_gets_its_own_cached_page(client, site_cache, geo_settings):
    geo_settings.GEO_TRUSTED_HEADER = "CloudFront-Viewer-Country"
    germany = client.get(pricing_url("en"), HTTP_CLOUDFRONT_VIEWER_COUNTRY="DE")
    assert "X-Geo-Region" in germany["Vary"] and "CloudFront-Viewer-Country" in germany["Vary"]
    assert "private" not in germany.get("Cache-Control", "")
    japan = client.get(pricing_url("en"), HTTP_CLOUDFRONT_VIEWER_COUNTRY="JP")
    assert shown_region(japan) == "japan" and shown_prices(japan)[2] == "¥1,235"
    assert cached_pages(site_cache) == 2

    # Both are cached: a change in the database does not show until the cache expires...
    Region.objects.filter(slug="eurozone").update(currency="GBP")
    again = client.get(pricing_url("en"), HTTP_CLOUDFRONT_VIEWER_COUNTRY="DE")
    assert shown_prices(again) == shown_prices(germany)
    assert shown_prices(germany)[2] == "€1,234.56"
    # ...and still neither region is ever served the other's page.
    for _ in range(2):
        for country, fee in (("JP", "¥1,235"), ("DE", "€1,234.56"), ("BR", "R$1,234.56")):
            response = client.get(pricing_url("en"), HTTP_CLOUDFRONT_VIEWER_COUNTRY=country)
            assert shown_prices(response)[2] == fee


def test_a_forged_region_header_cannot_pick_a_cached_page(client, site_cache, geo_settings):
    geo_settings.GEO_TRUSTED_HEADER = "CloudFront-Viewer-Country"
    client.get(pricing_url("en"), HTTP_CLOUDFRONT_VIEWER_COUNTRY="DE")
    forged = client.get(
        pricing_url("en"), HTTP_CLOUDFRONT_VIEWER_COUNTRY="JP", HTTP_X_GEO_REGION="eurozone"
    )
    assert shown_region(forged) == "japan"


def test_without_a_cdn_header_region_pages_stay_out_of_shared_caches(
    client, site_cache, geo_settings, geoip_data
):
    geo_settings.GEOIP_PATH = str(geoip_data / "GeoIP2-Country-Test.mmdb")
    britain = client.get(pricing_url("en"), REMOTE_ADDR="81.2.69.142")
    assert "private" in britain["Cache-Control"]
    assert "X-Geo-Region" in britain["Vary"]
    japan = client.get(pricing_url("en"), REMOTE_ADDR="2001:218::1")
    assert shown_region(britain) == "united-kingdom" and shown_region(japan) == "japan"
    assert cached_pages(site_cache) == 0


def test_editor_previews_are_never_cached(client, site_cache, geo_settings, editor):
    geo_settings.GEO_TRUSTED_HEADER = "CloudFront-Viewer-Country"
    client.force_login(editor)
    preview = client.get(pricing_url("en", "region=JP"), HTTP_CLOUDFRONT_VIEWER_COUNTRY="DE")
    assert "private" in preview["Cache-Control"]
    client.logout()
    visitor = client.get(pricing_url("en"), HTTP_CLOUDFRONT_VIEWER_COUNTRY="DE")
    assert shown_region(visitor) == "eurozone"


def test_responses_that_do_not_depend_on_the_region_stay_cacheable_for_everyone(
    client, site_cache, geo_settings, geoip_data
):
    geo_settings.GEOIP_PATH = str(geoip_data / "GeoIP2-Country-Test.mmdb")
    first = client.get("/robots.txt", REMOTE_ADDR="81.2.69.142")
    assert "X-Geo-Region" not in first.get("Vary", "")
    assert "private" not in first["Cache-Control"]
    assert cached_pages(site_cache) == 1
    second = client.get("/robots.txt", REMOTE_ADDR="2001:218::1")
    assert second.content == first.content
    assert cached_pages(site_cache) == 1  # served from the one cached copy
