"""/healthz reports geo: disabled without a database, ok with one, degraded when it is broken."""

import pytest

pytestmark = pytest.mark.django_db


def geo_health(client):
    response = client.get("/healthz")
    return response.status_code, response.json()["status"], response.json()["geo"]


# (The overall status also depends on the other components: only geo's part is asserted.)
def test_geo_is_disabled_without_a_database(client, geo_settings):
    code, _overall, geo = geo_health(client)
    assert (code, geo) == (200, "disabled")


def test_geo_is_ok_with_the_database(client, city_db):
    code, _overall, geo = geo_health(client)
    assert (code, geo) == (200, "ok")


def test_a_configured_but_missing_database_degrades_geo(client, geo_settings, tmp_path):
    geo_settings.GEOIP_PATH = str(tmp_path / "GeoLite2-Country.mmdb")
    assert geo_health(client) == (200, "degraded", "degraded")


def test_a_database_corrupt_at_lookup_time_degrades_geo(client, geo_settings, geoip_data):
    geo_settings.GEOIP_PATH = str(
        geoip_data / "bad-data/libmaxminddb/libmaxminddb-corrupt-search-tree.mmdb"
    )
    client.get("/en/", REMOTE_ADDR="81.2.69.142")
    assert geo_health(client)[2] == "degraded"
