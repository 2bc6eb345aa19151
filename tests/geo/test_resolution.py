"""Country → region resolution with MaxMind's official test databases, through HTTP and the
public `geo.resolve` module: GeoIP (IPv4, IPv6), trusted proxies, the trusted CDN header, the
editors' preview override, and every fallback."""

import logging

import pytest
from django.test import RequestFactory

from geo import geoip, resolve

from .pages import pricing_url, shown_region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pricing_page")]

# Test IPs from MaxMind's source data; the expected country is read from its JSON.
KNOWN_IPS = [
    "81.2.69.142",  # IPv4
    "214.78.120.5",  # IPv4
    "2.125.160.217",  # IPv4, registered elsewhere than located
    "2001:218::1",  # IPv6
    "2a02:d180::1",  # IPv6
    "2a02:d0c0::1",  # IPv6
    "2a02:f400::1",  # IPv6
    "2a02:cf80::1",  # IPv6
]
REGION_OF = {"GB": "united-kingdom", "US": "united-states", "JP": "japan", "DE": "eurozone",
             "RU": "russia", "AE": "gulf", "IL": "israel", "SE": "united-states"}  # fmt: skip


def request_from(ip: str, path: str = "/en/", **meta):
    request = RequestFactory().get(path, REMOTE_ADDR=ip, **meta)
    request.LANGUAGE_CODE = path.strip("/").split("/")[0] or "en"
    return request


@pytest.mark.parametrize("ip", KNOWN_IPS)
@pytest.mark.parametrize("database", ["GeoIP2-Country-Test", "GeoIP2-City-Test"])
def test_known_test_ips_resolve_to_their_country(
    ip, database, geo_settings, geoip_data, expected_country
):
    geo_settings.GEOIP_PATH = str(geoip_data / f"{database}.mmdb")
    country = expected_country(ip, database)
    geo = resolve.resolve(request_from(ip))
    assert geo.country == country
    assert geo.region == REGION_OF[country]
    assert geo.source == "geoip"


@pytest.mark.smoke
def test_a_visitor_in_japan_sees_the_japan_region_over_http(client, city_db):
    response = client.get(pricing_url("ja"), REMOTE_ADDR="2001:218::1")
    assert shown_region(response) == "japan"


def test_a_country_no_region_covers_gets_the_languages_default_region(
    client, city_db, expected_country
):
    assert expected_country("89.160.20.115", "GeoIP2-City-Test") == "SE"  # Sweden: no region
    assert shown_region(client.get(pricing_url("de"), REMOTE_ADDR="89.160.20.115")) == "eurozone"
    assert shown_region(client.get(pricing_url("ar"), REMOTE_ADDR="89.160.20.115")) == "gulf"


def test_an_address_without_a_country_in_the_database_gets_the_default(
    country_db, expected_country
):
    assert expected_country("2a02:d500::1") == ""
    geo = resolve.resolve(request_from("2a02:d500::1", "/ja/"))
    assert (geo.country, geo.region, geo.source) == ("", "japan", "default")


@pytest.mark.parametrize(
    "ip", ["127.0.0.1", "10.1.2.3", "192.168.0.7", "::1", "fe80::1", "fc00::5", "not-an-ip", ""]
)
def test_private_reserved_and_malformed_addresses_fall_back(client, country_db, ip):
    response = client.get(pricing_url("pt-br"), REMOTE_ADDR=ip)
    assert shown_region(response) == "brazil"
    assert resolve.resolve(request_from(ip, "/pt-br/")).source == "default"


def test_ipv4_mapped_ipv6_addresses_are_looked_up_as_ipv4(country_db):
    assert resolve.resolve(request_from("::ffff:81.2.69.142")).country == "GB"


# --- Trusted proxies ---------------------------------------------------------------------


def test_x_forwarded_for_is_ignored_without_trusted_proxies(country_db):
    request = request_from("81.2.69.142", HTTP_X_FORWARDED_FOR="2001:218::1")
    assert resolve.resolve(request).country == "GB"


def test_the_client_ip_is_taken_through_the_configured_number_of_proxies(country_db):
    country_db.GEO_TRUSTED_PROXIES = 1
    # The visitor forged the left-most entry; our one proxy appended the address it saw.
    forged = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR="2001:218::1, 81.2.69.142")
    assert resolve.resolve(forged).country == "GB"

    country_db.GEO_TRUSTED_PROXIES = 2
    two_proxies = request_from("10.0.0.2", HTTP_X_FORWARDED_FOR="2a02:d180::1, 10.0.0.1")
    assert resolve.resolve(two_proxies).country == "DE"


def test_more_trusted_proxies_than_hops_uses_the_first_hop(country_db):
    country_db.GEO_TRUSTED_PROXIES = 3
    request = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR="[2001:218::1]:443")
    assert resolve.resolve(request).country == "JP"


def test_a_malformed_forwarded_header_falls_back(client, country_db):
    country_db.GEO_TRUSTED_PROXIES = 1
    response = client.get(
        pricing_url("ru"), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="<script>, ,,"
    )
    assert shown_region(response) == "russia"


# --- Trusted CDN header -------------------------------------------------------------------


def test_the_cdn_header_is_ignored_unless_configured(client, country_db):
    response = client.get(
        pricing_url("en"), REMOTE_ADDR="81.2.69.142", HTTP_CLOUDFRONT_VIEWER_COUNTRY="JP"
    )
    assert shown_region(response) == "united-kingdom"


def test_the_configured_cdn_header_wins_over_geoip(client, country_db):
    country_db.GEO_TRUSTED_HEADER = "CloudFront-Viewer-Country"
    response = client.get(
        pricing_url("en"), REMOTE_ADDR="81.2.69.142", HTTP_CLOUDFRONT_VIEWER_COUNTRY="jp"
    )
    assert shown_region(response) == "japan"
    geo = resolve.resolve(request_from("81.2.69.142", HTTP_CLOUDFRONT_VIEWER_COUNTRY="JP"))
    assert (geo.country, geo.source) == ("JP", "header")


@pytest.mark.parametrize("value", ["XX", "T1", "<b>", "JPN", "", "ZZ"])
def test_a_malformed_or_unknown_cdn_header_falls_back_to_the_default(client, geo_settings, value):
    geo_settings.GEO_TRUSTED_HEADER = "CloudFront-Viewer-Country"
    response = client.get(pricing_url("ja"), HTTP_CLOUDFRONT_VIEWER_COUNTRY=value)
    assert shown_region(response) == "japan"


# --- Preview override ---------------------------------------------------------------------


def test_visitors_cannot_override_their_region(client, country_db):
    response = client.get(pricing_url("en", "region=JP"), REMOTE_ADDR="81.2.69.142")
    assert shown_region(response) == "united-kingdom"
    assert "geo_region" not in response.cookies


def test_editors_preview_a_region_and_it_sticks_in_a_signed_cookie(client, country_db, editor):
    client.force_login(editor)
    response = client.get(pricing_url("en", "region=BR"), REMOTE_ADDR="81.2.69.142")
    assert shown_region(response) == "brazil"
    cookie = response.cookies["geo_region"]
    assert cookie["httponly"] and cookie.value != "BR"  # signed, not the bare value

    # The next page remembers the preview; a region slug works too; empty ends it.
    assert shown_region(client.get(pricing_url("de"), REMOTE_ADDR="81.2.69.142")) == "brazil"
    assert shown_region(client.get(pricing_url("de", "region=gulf"))) == "gulf"
    ended = client.get(pricing_url("de", "region="), REMOTE_ADDR="81.2.69.142")
    assert shown_region(ended) == "united-kingdom"
    assert ended.cookies["geo_region"].value == ""


def test_a_preview_cookie_is_ignored_once_the_editor_logs_out(client, country_db, editor):
    client.force_login(editor)
    signed = client.get(pricing_url("en", "region=JP")).cookies["geo_region"].value
    client.logout()  # (the test client forgets every cookie: the visitor keeps it)
    client.cookies["geo_region"] = signed
    assert shown_region(client.get(pricing_url("en"), REMOTE_ADDR="81.2.69.142")) == (
        "united-kingdom"
    )


def test_a_forged_preview_cookie_is_ignored(client, country_db, editor):
    client.force_login(editor)
    client.cookies["geo_region"] = "JP"
    assert shown_region(client.get(pricing_url("en"), REMOTE_ADDR="81.2.69.142")) == (
        "united-kingdom"
    )


def test_the_setting_lets_everyone_preview(client, geo_settings):
    geo_settings.GEO_PUBLIC_OVERRIDE = True
    assert shown_region(client.get(pricing_url("en", "region=ru"))) == "russia"
    assert shown_region(client.get(pricing_url("en", "region=gulf"))) == "gulf"


@pytest.mark.parametrize("value", ["ZZ", "<script>", "x" * 500, "brazil'--", "united_states"])
def test_a_malformed_override_falls_back_to_the_default_region(client, geo_settings, value):
    geo_settings.GEO_PUBLIC_OVERRIDE = True
    response = client.get(pricing_url("ja"), {"region": value})
    assert shown_region(response) == "japan"
    assert response.cookies["geo_region"].value == ""


# --- Robustness -------------------------------------------------------------------------------


def test_a_missing_database_falls_back_and_logs_once(client, geo_settings, tmp_path, caplog):
    geo_settings.GEOIP_PATH = str(tmp_path / "nowhere.mmdb")
    with caplog.at_level(logging.WARNING, logger="geo"):
        for _ in range(3):
            response = client.get(pricing_url("ja"), REMOTE_ADDR="81.2.69.142")
            assert shown_region(response) == "japan"
    assert len([r for r in caplog.records if "nowhere.mmdb" in r.getMessage()]) == 1


def test_an_unreadable_database_falls_back(client, geo_settings, tmp_path):
    folder = tmp_path / "a-folder.mmdb"
    folder.mkdir()
    geo_settings.GEOIP_PATH = str(folder)
    assert shown_region(client.get(pricing_url("ru"), REMOTE_ADDR="81.2.69.142")) == "russia"
    assert geoip.status() == "degraded"


def bad_databases() -> list[str]:
    return [
        "libmaxminddb/libmaxminddb-corrupt-search-tree.mmdb",
        "libmaxminddb/libmaxminddb-offset-integer-overflow.mmdb",
        "libmaxminddb/libmaxminddb-metadata-marker-only.mmdb",
        "libmaxminddb/libmaxminddb-deep-nesting.mmdb",
        "maxminddb-golang/cyclic-data-structure.mmdb",
        "maxminddb-golang/invalid-data-record-offset.mmdb",
        "maxminddb-golang/invalid-string-length.mmdb",
        "maxminddb-golang/metadata-is-an-uint128.mmdb",
        "maxminddb-golang/unexpected-bytes.mmdb",
        "maxminddb-python/bad-unicode-in-map-key.mmdb",
    ]


@pytest.mark.parametrize("name", bad_databases())
def test_a_corrupt_database_never_breaks_a_page(client, geo_settings, geoip_data, name):
    geo_settings.GEOIP_PATH = str(geoip_data / "bad-data" / name)
    for ip in ("81.2.69.142", "2001:218::1", "1.1.1.1"):
        response = client.get(pricing_url("pt-br"), REMOTE_ADDR=ip)
        assert response.status_code == 200
        assert shown_region(response) in {"brazil", "united-kingdom", "japan"}


def test_the_database_is_opened_once_per_process(client, city_db):
    client.get(pricing_url("en"), REMOTE_ADDR="81.2.69.142")
    reader = geoip._state.reader
    assert reader is not None
    for ip in ("2001:218::1", "2a02:d180::1", "214.78.120.5"):
        client.get(pricing_url("en"), REMOTE_ADDR=ip)
    assert geoip._state.reader is reader


def test_request_geo_follows_the_contract(rf, country_db):
    from geo.middleware import GeoMiddleware

    seen = {}

    def view(request):
        from django.http import HttpResponse

        seen["geo"] = request.geo
        return HttpResponse("ok")

    request = rf.get("/en/", REMOTE_ADDR="2a02:d0c0::1")
    GeoMiddleware(view)(request)
    geo = seen["geo"]
    assert (geo.country, geo.region, geo.source) == ("RU", "russia", "geoip")
