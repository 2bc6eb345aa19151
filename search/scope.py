"""A search's scope: the page tree of the property (Wagtail site) the visitor is on.

Each site's pages in one language live below that language's translation of the site's root
page; `tree_path(request, language)` is that page's tree path, and both backends keep only pages
whose path starts with it (search.database filters `path`, search.elastic.queries a prefix of
the documents' `path`). "" means no scope (no site is configured): every page of the language.
"""

from django.http import HttpRequest
from wagtail.models import Locale, Site


def tree_path(request: HttpRequest, language: str) -> str:
    try:
        site = Site.find_for_request(request)
    except Exception:  # a malformed Host: Wagtail serves the default site
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    root = site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    localized = root.get_translation_or_none(locale) if locale is not None else None
    return (localized or root).path
