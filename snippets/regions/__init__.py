"""Regions and themes: where visitors are (countries, currency) and how the site looks to them.

The package holds the snippets (`models`), their admin (`admin`) and the ISO code checks
(`codes`); this module is its public face, what `geo` and templates use.

Resolution reads a small in-process table built from the source-language regions, so the geo
middleware costs no query per request. `get_region` keeps the regions it loaded (with their
theme and banner) in that table too, so a page showing the visitor's region theme costs no
query either. Saving or deleting a region or theme rebuilds it in this process; other processes
pick changes up within `TABLE_TTL` seconds.
"""

import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

TABLE_TTL = 30.0
# Regions `get_region` keeps per table ((slug, language) pairs: a few per region).
LOADED_LIMIT = 512


@dataclass(frozen=True)
class RegionTable:
    by_country: dict[str, str] = field(default_factory=dict)  # "BR" → "brazil"
    by_language: dict[str, str] = field(default_factory=dict)  # "pt-br" → "brazil"
    countries_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # slug → ("BR",)
    any_theme: bool = False  # False: every region looks the same
    built_at: float = 0.0
    # (slug, language) → the Region `get_region` loaded for it (None: no such region)
    loaded: dict = field(default_factory=dict)


_table = RegionTable()
_lock = threading.Lock()


def _source_regions():
    from .models import Region

    return Region.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("pk")


def _build() -> RegionTable:
    by_country: dict[str, str] = {}
    by_language: dict[str, str] = {}
    countries_of: dict[str, tuple[str, ...]] = {}
    any_theme = False
    for region in _source_regions():
        any_theme = any_theme or region.theme_id is not None
        countries_of[region.slug] = tuple(region.country_codes)
        for code in region.country_codes:
            by_country.setdefault(code, region.slug)
        for language in region.language_codes:
            by_language.setdefault(language, region.slug)
    return RegionTable(by_country, by_language, countries_of, any_theme, time.monotonic())


def table() -> RegionTable:
    global _table
    current = _table
    if current.built_at and time.monotonic() - current.built_at < TABLE_TTL:
        return current
    with _lock:
        if _table is current:
            _table = _build()
        return _table


def invalidate(**_kwargs) -> None:
    global _table
    _table = RegionTable()


def connect_signals() -> None:
    from .models import Region, Theme

    for model in (Region, Theme):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"regions-{model.__name__}-save")
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"regions-{model.__name__}-delete"
        )


def region_slug_for_country(country: str) -> str:
    """The slug of the region covering `country` (ISO alpha-2), "" when none does."""
    return table().by_country.get(country, "")


def default_region_slug(language_code: str) -> str:
    """The region for visitors of `language_code` whose country is unknown: the region marked
    default for that language, else the site language's one, else ""."""
    lookup = table().by_language
    return lookup.get(language_code) or lookup.get(settings.LANGUAGE_CODE, "")


def any_theme() -> bool:
    """Whether any region has its own theme (if none does, the look never depends on region)."""
    return table().any_theme


def region_exists(slug: str) -> bool:
    return slug in table().countries_of


def first_country(slug: str) -> str:
    countries = table().countries_of.get(slug, ())
    return countries[0] if countries else ""


def get_region(slug: str, language_code: str | None = None):
    """The Region `slug` in `language_code` (its translation, else the source one), or None.
    The language defaults to the active one (Wagtail's active locale)."""
    if not slug:
        return None
    if language_code is None:
        language_code = _active_language()
    current = table()
    key = (slug, language_code)
    if key in current.loaded:
        return current.loaded[key]
    region = _load_region(slug, language_code)
    if len(current.loaded) < LOADED_LIMIT:
        current.loaded[key] = region
    return region


def _active_language() -> str:
    """`Locale.get_active().language_code`, without its query (a language without its locale
    has no region of its own: the source one is used either way)."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def _load_region(slug: str, language_code: str):
    from .models import Region

    candidates = {
        r.locale.language_code: r
        for r in Region.objects.filter(slug=slug).select_related("locale", "theme", "theme__banner")
    }
    return candidates.get(language_code) or candidates.get(settings.LANGUAGE_CODE)
