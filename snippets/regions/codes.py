"""ISO code validation for regions and prices, from CLDR data (Babel), not hand-kept lists."""

import re

from babel import Locale as BabelLocale
from babel.numbers import list_currencies
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
# CLDR territory codes that are groupings or placeholders, not countries.
_NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"}
_COUNTRIES = frozenset(
    code
    for code in BabelLocale("en").territories
    if _COUNTRY_RE.match(code) and code not in _NOT_COUNTRIES
)
# "XXX" (no currency) and "XTS" (testing) are ISO 4217 codes but never a price's currency.
_CURRENCIES = frozenset(list_currencies()) - {"XXX", "XTS"}


def is_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code CLDR knows (uppercase)."""
    return code in _COUNTRIES


def is_currency(code: str) -> bool:
    """An ISO 4217 currency code CLDR knows (uppercase)."""
    return code in _CURRENCIES


def parse_countries(value: str) -> list[str]:
    """'br, PT de' → ['BR', 'PT', 'DE'] (order kept, duplicates dropped)."""
    codes = [code.upper() for code in re.split(r"[\s,;]+", value or "") if code]
    return list(dict.fromkeys(codes))


def validate_countries(value: str) -> None:
    codes = parse_countries(value)
    if not codes:
        raise ValidationError(_("List at least one country code."), code="empty")
    unknown = [code for code in codes if not is_country(code)]
    if unknown:
        raise ValidationError(
            _("Not ISO 3166 country codes: %(codes)s"),
            code="invalid_country",
            params={"codes": ", ".join(unknown)},
        )


def validate_currency(value: str) -> None:
    """Accepts any letter case (the admin stores it upper-cased)."""
    if not is_currency((value or "").strip().upper()):
        raise ValidationError(
            _("“%(code)s” is not an ISO 4217 currency code (for example USD, EUR, BRL)."),
            code="invalid_currency",
            params={"code": value},
        )
