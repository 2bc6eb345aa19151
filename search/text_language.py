"""Whose text a locale's pages show. A page not yet translated is an alias of its original in
another locale (decision 0016): the locale shows the original's text at its own URL, so the
words a visitor types in the locale's language cannot match it; only meaning (a multilingual
model) can find it.

`own_text_share(language)`: the share of the locale's live articles and tutorials that show
the locale's own text (1.0 for a locale without any). `shows_other_text(page_id)`: whether that
page is an alias of a page of another locale. `other_text_pages(language)`: {translation key:
page id} of the locale's pages that show another locale's text. `translations_shown_elsewhere(
page)`: the pages of other locales that show another locale's text for the same article (whose
meaning pools this page's passages: search.semantic). `own_text_languages()`: the languages
of the locales with an article or tutorial showing its own text (those whose passages vote on
a locale mostly showing other text: search.semantic). One database query each, no cache: what
a publish changes counts at once.
"""

from django.db.models import Count, F, Q
from wagtail.models import Page

from pages.models import ArticlePage, TutorialPage

_OTHER_TEXT = Q(alias_of__isnull=False) & ~Q(alias_of__locale=F("locale"))


def own_text(prefix: str = "") -> Q:
    """Rows whose page (through `prefix`, e.g. "page__") shows its own locale's text."""
    return ~(
        Q(**{f"{prefix}alias_of__isnull": False})
        & ~Q(**{f"{prefix}alias_of__locale": F(f"{prefix}locale")})
    )


def own_text_share(language: str) -> float:
    counts = (
        Page.objects.live()
        .type(ArticlePage, TutorialPage)
        .filter(locale__language_code=language)
        .aggregate(total=Count("id"), other=Count("id", filter=_OTHER_TEXT))
    )
    if not counts["total"]:
        return 1.0
    return 1.0 - counts["other"] / counts["total"]


def shows_other_text(page_id: int) -> bool:
    return Page.objects.filter(_OTHER_TEXT, pk=page_id).exists()


def other_text_pages(language: str) -> dict:
    return dict(
        Page.objects.filter(_OTHER_TEXT, locale__language_code=language).values_list(
            "translation_key", "pk"
        )
    )


def translations_shown_elsewhere(page: Page):
    """Live pages of `page`'s article, in other locales, showing another locale's text."""
    return (
        Page.objects.live()
        .filter(_OTHER_TEXT, translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .select_related("locale")
    )


def own_text_languages() -> list[str]:
    return sorted(
        Page.objects.live()
        .type(ArticlePage, TutorialPage)
        .filter(own_text())
        .order_by()  # a page's default order (its path) would make every row distinct
        .values_list("locale__language_code", flat=True)
        .distinct()
    )
