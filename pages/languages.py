"""Which languages a page exists in: hreflang alternates and the language switcher.

Everything here reads the cached navigation (`pages.navigation`): no query per request. A page
the navigation does not hold (a draft in preview, a private page) falls back to the database.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Page

from . import navigation, properties


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool  # False: no translation exists, the link goes to that language's home


def text_direction(language_code: str) -> str:
    return "rtl" if language_code.split("-")[0] in settings.RTL_LANGUAGES else "ltr"


def _translations(page: Page) -> dict[str, navigation.NavPage]:
    nav = navigation.current()
    return nav.translations.get(str(page.translation_key), {}) if page.id in nav.pages else {}


def content_language(page: Page) -> str:
    """The language the page's content is written in: an alias shows its source's content."""
    entry = navigation.current().pages.get(page.alias_of_id or page.id)
    if entry is not None:
        return entry.language
    source = page.alias_of if page.alias_of_id else page
    return source.locale.language_code


def hreflang_alternates(page: Page, request: HttpRequest | None) -> list[tuple[str, str]]:
    """(language code, absolute URL) of every live, real translation (aliases are not)."""
    translations = _translations(page)
    if not translations:
        queryset = (
            page.get_translations(inclusive=True)
            .live()
            .public()
            .filter(alias_of__isnull=True)
            .select_related("locale")
            .order_by("locale__language_code")
        )
        return [(t.locale.language_code, t.get_full_url(request)) for t in queryset]
    return [
        (code, entry.full_url)
        for code, entry in sorted(translations.items())
        if entry.alias_of_id is None and properties.for_site(entry.site_id).serves(code)
    ]


def canonical_url(page: Page, request: HttpRequest | None) -> str:
    """An alias repeats its source's content, so search engines are pointed at the source."""
    nav = navigation.current()
    entry = nav.pages.get(page.alias_of_id or page.id)
    if entry is not None:
        return entry.full_url
    source = page.alias_of.specific_deferred if page.alias_of_id else page
    return source.get_full_url(request)


def locale_home_url(request: HttpRequest | None) -> str:
    """The active language's home of the request's property."""
    code = navigation.current_language()
    home = navigation.current().home(properties.for_request(request).site_id, code)
    return home.get_url(request) if home is not None else f"/{code}/"


def language_links(page: Page | str | None, request: HttpRequest | None) -> list[LanguageLink]:
    """One link per language of the request's property: the same page in that language, or
    that language's home."""
    current = navigation.current_language()
    web_property = properties.for_request(request)
    nav = navigation.current()
    translated: dict[str, str] = {}
    if isinstance(page, Page) and page.id:
        translations = _translations(page)
        if translations:
            translated = {code: entry.get_url(request) for code, entry in translations.items()}
        else:
            for translation in (
                page.get_translations(inclusive=True).live().public().select_related("locale")
            ):
                translated[translation.locale.language_code] = translation.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        if not web_property.serves(code):
            continue
        home = nav.home(web_property.site_id, code)
        url = translated.get(code) or (home.get_url(request) if home else f"/{code}/")
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url,
                is_current=code == current,
                is_translation=code in translated,
            )
        )
    return links
