"""Whose text a locale's pages show. A page not yet translated is an alias of its original in
another locale (decision 0016): the locale shows the original's text at its own URL, so the
words a visitor types in the locale's language cannot match it; only meaning (a multilingual
model) can find it.

`own_text_share(language)`: the share of the locale's live articles and tutorials that show
the locale's own text (1.0 for a locale without any). `shows_other_text(page_id)`: whether that
page is an alias of a page of another locale. One database query each, no cache: what a
publish changes counts at once.
"""

from django.db.models import Count, F, Q
from wagtail.models import Page

from pages.models import ArticlePage, TutorialPage

_OTHER_TEXT = Q(alias_of__isnull=False) & ~Q(alias_of__locale=F("locale"))


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
