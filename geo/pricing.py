"""Which price a region sees, formatted by CLDR (Babel) for the page's language."""

from dataclasses import dataclass
from decimal import Decimal

from babel import Locale as BabelLocale
from babel import UnknownLocaleError
from babel.numbers import format_currency


@dataclass(frozen=True)
class Price:
    amount: Decimal
    currency: str
    text: str  # "R$ 1.234,56"
    in_region_currency: bool  # False: the region's currency has no price, the base one is shown


def babel_locale(language_code: str) -> BabelLocale:
    """Django's "pt-br" → Babel's pt_BR (English when CLDR does not know it)."""
    try:
        return BabelLocale.parse(language_code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return BabelLocale.parse("en")


def format_price(amount: Decimal, currency: str, language_code: str) -> str:
    """Symbol, decimals (per currency: JPY has none) and grouping as CLDR has them."""
    return format_currency(amount, currency, locale=babel_locale(language_code))


def choose_price(
    base_amount: Decimal,
    base_currency: str,
    overrides: list[tuple[str, Decimal]],
    region_currency: str | None,
    language_code: str,
) -> Price:
    """The override in the region's currency, else the base price if it is in that currency,
    else the base price as is (the fallback the template labels)."""
    for currency, amount in overrides:
        if region_currency and currency == region_currency:
            return Price(amount, currency, format_price(amount, currency, language_code), True)
    in_region = region_currency is None or base_currency == region_currency
    return Price(
        base_amount,
        base_currency,
        format_price(base_amount, base_currency, language_code),
        in_region,
    )
