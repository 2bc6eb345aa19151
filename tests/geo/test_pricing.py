"""Prices in the visitor's currency, formatted as CLDR (Babel) says for the page's language."""

import re
from decimal import Decimal

import pytest
from babel.numbers import format_currency
from django.core.exceptions import ValidationError

from snippets.models import Region, Theme

from .pages import pricing_url, shown_prices, shown_region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pricing_page")]

SETUP_FEE = Decimal("1234.56")  # the demo "Managed campaign setup" option


@pytest.fixture
def cdn(geo_settings):
    geo_settings.GEO_TRUSTED_HEADER = "CloudFront-Viewer-Country"
    return geo_settings


def visit(client, lang: str, country: str):
    """The page as a CDN asks for it: the site's own host (the one purges name), the region."""
    return client.get(
        pricing_url(lang), HTTP_CLOUDFRONT_VIEWER_COUNTRY=country, HTTP_HOST="localhost"
    )


@pytest.mark.smoke
@pytest.mark.parametrize(
    "lang, country, babel_locale, currency, literal",
    [
        ("pt-br", "BR", "pt_BR", "BRL", "R$\xa01.234,56"),
        ("ja", "JP", "ja", "JPY", "￥1,235"),
        ("de", "DE", "de", "EUR", "1.234,56\xa0€"),
        ("ru", "RU", "ru", "RUB", "1\xa0234,56\xa0₽"),
        ("en", "US", "en", "USD", "$1,234.56"),
        ("ar", "AE", "ar", "AED", "\u200f1,234.56\xa0د.إ.\u200f"),
    ],
)
def test_prices_follow_cldr_for_the_page_language_and_region_currency(
    client, cdn, lang, country, babel_locale, currency, literal
):
    response = visit(client, lang, country)
    setup_fee = shown_prices(response)[2]
    assert setup_fee == format_currency(SETUP_FEE, currency, locale=babel_locale)
    assert setup_fee == literal  # what CLDR says today, spelled out for the reader
    assert f'data-currency="{currency}"' in response.content.decode()


def test_the_same_region_reads_differently_in_each_language(client, cdn):
    german = shown_prices(visit(client, "de", "FR"))[2]
    french = shown_prices(visit(client, "fr", "FR"))[2]
    assert german == format_currency(SETUP_FEE, "EUR", locale="de") == "1.234,56\xa0€"
    assert french == format_currency(SETUP_FEE, "EUR", locale="fr") == "1\u202f234,56\xa0€"


def test_a_region_without_a_price_in_its_currency_sees_the_labelled_base_price(client, cdn):
    response = visit(client, "en", "IL")  # the demo setup fee has no ILS price
    html = response.content.decode()
    assert shown_region(response) == "israel"
    prices = shown_prices(response)
    assert prices[0] == format_currency(Decimal("16.00"), "ILS", locale="en")
    assert prices[2] == "$1,234.56"
    assert "No price in ILS yet: shown in the base currency." in html
    hebrew = visit(client, "he", "IL").content.decode()
    assert "עדיין אין מחיר ב־ILS: מוצג במטבע הבסיס." in hebrew


def test_every_region_shows_a_tax_note_in_the_page_language(client, cdn):
    assert "Estimated price, taxes may apply." in visit(client, "en", "US").content.decode()
    arabic = visit(client, "ar", "AE").content.decode()
    assert "Estimated price, taxes may apply." not in arabic
    assert 'class="pricing__note">' in arabic

    region = Region.objects.get(slug="japan", locale__language_code="en")
    region.tax_note = "Estimated; Japanese consumption tax is added at checkout."
    region.save()
    japan_en = visit(client, "en", "JP").content.decode()
    assert "Japanese consumption tax is added at checkout." in japan_en


def test_region_names_are_shown_in_the_page_language(client, cdn):
    assert "Preços para Brasil (BRL)" in visit(client, "pt-br", "BR").content.decode()
    assert "Цены для региона «Россия» (RUB)" in visit(client, "ru", "RU").content.decode()
    assert "الأسعار في دول الخليج (AED)" in visit(client, "ar", "AE").content.decode()


def test_no_region_at_all_shows_the_base_prices(client, cdn):
    Region.objects.all().delete()
    response = visit(client, "de", "DE")
    assert response.status_code == 200
    assert shown_prices(response)[2] == format_currency(SETUP_FEE, "USD", locale="de")


# --- Themes -----------------------------------------------------------------------------------


def test_a_regions_theme_is_a_stylesheet_of_its_own_with_css_custom_properties(client, cdn):
    """No inline <style>: a page kept by a shared cache carries no CSP nonce (decision 0019)."""
    response = visit(client, "pt-br", "BR")
    html = response.content.decode()
    verde = Theme.objects.get(name="Verde")
    (href,) = re.findall(r'<link rel="stylesheet" id="region-theme" href="([^"]+)"', html)
    assert "<style" not in html and "nonce=" not in html
    assert "nonce-" not in response.get("Content-Security-Policy", "")
    css = client.get(href)
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
    assert f"--color-brand:{verde.brand_color}" in css.content.decode()
    assert "immutable" in css["Cache-Control"] and "public" in css["Cache-Control"]
    verde.brand_color = "#123456"
    verde.save()
    stale = client.get(href)  # a page cached before the change: current colours, kept briefly
    assert "--color-brand:#123456" in stale.content.decode()
    assert "immutable" not in stale["Cache-Control"]
    new_href = re.findall(
        r'id="region-theme" href="([^"]+)"', visit(client, "pt-br", "BR").content.decode()
    )
    assert new_href and new_href[0] != href
    assert client.get("/theme/999999-abc.css").status_code == 404


def test_the_region_theme_costs_no_query_once_loaded_and_follows_an_edit(client, cdn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def theme_link() -> list[str]:
        html = visit(client, "pt-br", "BR").content.decode()
        return re.findall(r'id="region-theme" href="([^"]+)"', html)

    before = theme_link()
    with CaptureQueriesContext(connection) as queries:
        assert theme_link() == before and before
    assert not [q["sql"] for q in queries if '"snippets_region"' in q["sql"]]
    verde = Theme.objects.get(name="Verde")
    verde.brand_color = "#654321"
    verde.save()
    assert theme_link() not in (before, [])


def test_a_region_page_no_shared_cache_can_key_is_private_only(client, geo_settings):
    """Without a trusted CDN header, a page showing prices is private: no `s-maxage` beside it."""
    response = client.get(pricing_url("de"), HTTP_HOST="localhost")
    directives = {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}
    assert "private" in directives
    assert not directives & {"public", "s-maxage"}


def test_a_region_page_keyed_by_the_cdn_header_is_shared(client, cdn):
    response = visit(client, "de", "DE")
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    assert "private" not in response["Cache-Control"]
    assert "CloudFront-Viewer-Country" in response["Vary"]


def test_a_region_without_a_theme_keeps_the_default_look(client, cdn):
    html = visit(client, "de", "DE").content.decode()
    assert 'id="region-theme"' not in html


# --- Admin validation -------------------------------------------------------------------------


def pricing_block():
    from pages.blocks import ArticleBodyBlock

    return ArticleBodyBlock().child_blocks["pricing"]


def option(**overrides):
    value = {
        "label": "Promoted Pins",
        "description": "",
        "base_currency": "USD",
        "base_amount": "4.50",
        "prices": [{"currency": "BRL", "amount": "19.90"}],
    }
    return value | overrides


def clean(options):
    block = pricing_block()
    return block.clean(block.to_python({"heading": "Prices", "options": options}))


def test_valid_prices_are_accepted_and_currency_codes_normalised():
    value = clean([option(base_currency="usd")])
    assert value["options"][0]["base_currency"] == "USD"
    assert value["options"][0]["base_amount"] == Decimal("4.50")


@pytest.mark.parametrize(
    "bad",
    [
        {"base_currency": "XYZ"},
        {"base_currency": "DOLLARS"},
        {"base_currency": "€"},
        {"base_amount": "-1"},
        {"base_amount": "1.234"},
        {"prices": [{"currency": "BRL", "amount": "-0.01"}]},
        {"prices": [{"currency": "EURO", "amount": "1"}]},
        {"prices": [{"currency": "BRL", "amount": "1"}, {"currency": "brl", "amount": "2"}]},
        {"prices": [{"currency": "USD", "amount": "1"}]},
    ],
)
def test_the_admin_rejects_non_iso_currencies_and_negative_amounts(bad):
    with pytest.raises(ValidationError):
        clean([option(**bad)])
