"""Reading what a visitor sees of geo on the demo "Ad pricing" page."""

import re

PRICING_PATH = "/{lang}/ads-and-billing/ad-pricing/"


def pricing_url(lang: str = "en", query: str = "") -> str:
    return PRICING_PATH.format(lang=lang) + (f"?{query}" if query else "")


def shown_region(response) -> str:
    """The region slug the pricing table was rendered for ("" when none)."""
    assert response.status_code == 200, response.status_code
    found = re.search(r'<section class="pricing" data-region="([^"]*)"', response.content.decode())
    return found.group(1) if found else ""


def shown_prices(response) -> list[str]:
    return re.findall(r"<bdi>(.*?)</bdi>", response.content.decode())
