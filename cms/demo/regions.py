"""Builds the demo themes and regions from `content/regions.json`.

A region is created in English and copied into every other locale under its name in that
language: from CLDR (Babel's territory names) when the data names a territory
(`name_from_cldr_territory`, one country or the Eurozone), else from its `name` language map.
Idempotent: what exists is left as it is.
"""

from babel import Locale as BabelLocale
from django.conf import settings
from wagtail.models import Locale

from snippets.models import Region, Theme

from .content_files import read


def load_regions() -> dict:
    return read("regions.json")


def region_name(region: dict, language: str) -> str:
    territory = region.get("name_from_cldr_territory")
    if territory is None:
        return region["name"][language]
    name = BabelLocale.parse(language.replace("-", "_")).territories[territory]
    return name[:1].upper() + name[1:]


def seed_themes_and_regions() -> int:
    """Creates the missing themes, regions and region translations; returns how many regions
    were created."""
    data = load_regions()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    source_locale = locales[settings.LANGUAGE_CODE]
    themes = {}
    for theme in data["themes"]:
        fields = {key: value for key, value in theme.items() if key != "name"}
        themes[theme["name"]], _created = Theme.objects.get_or_create(
            name=theme["name"], defaults=fields
        )
    created = 0
    for spec in data["regions"]:
        region = Region.objects.filter(slug=spec["slug"], locale=source_locale).first()
        if region is None:
            region = Region.objects.create(
                slug=spec["slug"],
                locale=source_locale,
                name=region_name(spec, settings.LANGUAGE_CODE),
                countries=spec["countries"],
                currency=spec["currency"],
                default_for_languages=spec["default_for_languages"],
                theme=themes.get(spec["theme"]),
            )
            created += 1
        for code, locale in locales.items():
            if code == settings.LANGUAGE_CODE or region.has_translation(locale):
                continue
            translation = region.copy_for_translation(locale)
            translation.name = region_name(spec, code)
            translation.save()
    return created
