"""Editors manage regions and themes in the admin; bad codes are refused with a clear message."""

import pytest
from django.urls import reverse

from snippets.models import Region, Theme
from tests.conftest import built_once_per_module
from tests.factories import regions_and_themes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_regions")]


@built_once_per_module
def demo_regions():
    """The demo's regions and themes in every site language, without the rest of the demo."""
    regions_and_themes()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("geo-admin", "a@example.com", "pw")
    client.force_login(user)
    return client


def add_region(admin_client, **fields):
    data = {
        "name": "Mexico",
        "slug": "mexico",
        "countries": "mx",
        "currency": "mxn",
        "default_for_languages": "",
        "theme": "",
        "tax_note": "",
    } | fields
    return admin_client.post(reverse("wagtailsnippets_snippets_region:add"), data)


def test_the_admin_lists_demo_regions_and_themes(admin_client):
    regions = admin_client.get(reverse("wagtailsnippets_snippets_region:list"))
    assert regions.status_code == 200
    assert "Eurozone" in regions.content.decode()
    themes = admin_client.get(reverse("wagtailsnippets_snippets_theme:list"))
    assert "Sakura" in themes.content.decode()


def test_an_editor_adds_a_region_with_normalised_codes(admin_client):
    response = add_region(admin_client)
    assert response.status_code == 302
    region = Region.objects.get(slug="mexico")
    assert (region.countries, region.currency) == ("MX", "MXN")


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"currency": "XYZ"}, "is not an ISO 4217 currency code"),
        ({"currency": "XXX"}, "is not an ISO 4217 currency code"),
        ({"currency": "pesos"}, "at most 3 characters"),
        ({"countries": "MX QQ"}, "Not ISO 3166 country codes: QQ"),
        ({"countries": "BR"}, "Already in another region: BR"),
        ({"default_for_languages": "xx"}, "Not site languages: xx"),
    ],
)
def test_the_admin_refuses_bad_codes(admin_client, fields, message):
    response = add_region(admin_client, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Region.objects.filter(slug="mexico").exists()


def test_a_theme_colour_must_be_a_hex_colour(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_snippets_theme:add"),
        {
            "name": "Broken",
            "brand_color": "red;}a{",
            "brand_contrast_color": "#fff",
            "canvas_color": "#fafafa",
            "link_color": "#00f",
            "logo_variant": "standard",
        },
    )
    assert response.status_code == 200
    assert "Enter a colour as #rgb or #rrggbb" in response.content.decode()
    assert not Theme.objects.filter(name="Broken").exists()


def test_demo_regions_exist_in_every_site_language(settings):
    from cms.demo.regions import load_regions

    languages = {code for code, _name in settings.LANGUAGES}
    for slug in (region["slug"] for region in load_regions()["regions"]):
        found = set(
            Region.objects.filter(slug=slug).values_list("locale__language_code", flat=True)
        )
        assert found == languages, slug
