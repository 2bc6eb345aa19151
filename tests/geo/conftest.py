"""MaxMind's official GeoIP2 test databases (from the maxminddb sdist) and geo settings."""

import ipaddress
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import built_once_per_module
from tests.factories import (
    HomePageFactory,
    TopicPageFactory,
    aliases,
    pricing_article,
    regions_and_themes,
)

ROOT = Path(__file__).resolve().parents[2]
PRICING_PATH = "/{lang}/ads-and-billing/ad-pricing/"


@pytest.fixture(scope="session")
def geoip_data() -> Path:
    """The folder cms/services/geoip-test-data.sh fills (run-tests.sh exports it)."""
    folder = os.environ.get("GEOIP_TEST_DATA")
    if not folder:
        folder = subprocess.run(
            ["bash", str(ROOT / "cms/services/geoip-test-data.sh")],
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
        ).stdout.strip()
    path = Path(folder)
    assert (path / "GeoIP2-Country-Test.mmdb").is_file(), f"no test databases in {path}"
    return path


@pytest.fixture(scope="session")
def expected_country(geoip_data):
    """ip → the country MaxMind's JSON source says its test database holds ("" for none)."""
    networks = {}
    for name in ("GeoIP2-Country-Test", "GeoIP2-City-Test"):
        entries = json.loads((geoip_data / "source-data" / f"{name}.json").read_text())
        networks[name] = [
            (ipaddress.ip_network(net, strict=False), record)
            for entry in entries
            for net, record in entry.items()
        ]

    def lookup(ip: str, database: str = "GeoIP2-Country-Test") -> str:
        address = ipaddress.ip_address(ip)
        # IPv4 networks appear both as such and inside ::/96 in MaxMind's source data.
        forms = [address] + ([ipaddress.ip_address(f"::{ip}")] if address.version == 4 else [])
        for network, record in networks[database]:
            if any(form.version == network.version and form in network for form in forms):
                country = record.get("country") or record.get("registered_country") or {}
                return country.get("iso_code", "")
        raise LookupError(f"{ip} is not in the {database} source data")

    return lookup


@built_once_per_module
def pricing_page():
    """The "Ad pricing" article at PRICING_PATH in every site language (aliases of the English
    one), with the demo's regions and themes: what the geo tests look at, without the demo."""
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Ads and billing", slug="ads-and-billing")
    page = pricing_article(parent=topic)
    aliases(home)
    regions_and_themes()
    return page


@pytest.fixture
def geo_settings(settings):
    """Settings with geo left at its safe defaults; each test turns on what it needs. The
    process-wide reader is reset around each test so settings changes take effect."""
    from geo import geoip

    settings.GEOIP_PATH = ""
    settings.GEO_TRUSTED_HEADER = ""
    settings.GEO_TRUSTED_PROXIES = 0
    settings.GEO_PUBLIC_OVERRIDE = False
    geoip.reset()
    yield settings
    geoip.reset()


@pytest.fixture
def country_db(geo_settings, geoip_data):
    geo_settings.GEOIP_PATH = str(geoip_data / "GeoIP2-Country-Test.mmdb")
    return geo_settings


@pytest.fixture
def city_db(geo_settings, geoip_data):
    geo_settings.GEOIP_PATH = str(geoip_data / "GeoIP2-City-Test.mmdb")
    return geo_settings


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("geo-editor", password="pw-editor-1")
    group = Group.objects.filter(name__in=["Editors", "Moderators"]).first()
    if group is not None:
        user.groups.add(group)
    else:  # no Wagtail groups: admin access is all the override needs
        from django.contrib.auth.models import Permission

        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture(autouse=True)
def fresh_region_table():
    """Regions a test changes are rolled back afterwards; the in-process table must follow."""
    from snippets import regions

    regions.invalidate()
    yield
    regions.invalidate()
