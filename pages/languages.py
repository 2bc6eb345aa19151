"""Which languages a page exists in: hreflang alternates and the language switcher."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Locale, Page


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool  # False: no translation exists, the link goes to that language's home


def text_direction(language_code: str) -> str:
    return "rtl" if language_code.split("-")[0] in settings.RTL_LANGUAGES else "ltr"


def content_language(page: Page) -> str:
    """The language the page's content is written in: an alias shows its source's content."""
    source = page.alias_of if page.alias_of_id else page
    return source.locale.language_code


def hreflang_alternates(page: Page, request: HttpRequest | None) -> list[tuple[str, str]]:
    """(language code, absolute URL) of every live, real translation (aliases are not)."""
    translations = (
        page.get_translations(inclusive=True)
        .live()
        .public()
        .filter(alias_of__isnull=True)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    return [(t.locale.language_code, t.get_full_url(request)) for t in translations]


def canonical_url(page: Page, request: HttpRequest | None) -> str:
    """An alias repeats its source's content, so search engines are pointed at the source."""
    source = page.alias_of.specific_deferred if page.alias_of_id else page
    return source.get_full_url(request)


def locale_home_urls(request: HttpRequest | None) -> dict[str, str]:
    from pages.models import HelpCenterHomePage

    homes = HelpCenterHomePage.objects.live().select_related("locale")
    return {home.locale.language_code: home.get_url(request) for home in homes}


def language_links(page: Page | str | None, request: HttpRequest | None) -> list[LanguageLink]:
    """One link per site language: the same page in that language, or that language's home."""
    current = Locale.get_active().language_code
    homes = locale_home_urls(request)
    translated: dict[str, str] = {}
    if isinstance(page, Page) and page.id:
        for translation in (
            page.get_translations(inclusive=True).live().public().select_related("locale")
        ):
            translated[translation.locale.language_code] = translation.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = translated.get(code) or homes.get(code) or f"/{code}/"
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
