"""A search's scope: the page tree of the property (Wagtail site) the visitor is on.

Each site's pages in one language live below that language's translation of the site's root
page; `tree_path(request, language)` is that page's tree path, and both backends keep only pages
whose path starts with it (search.database filters `path`; search.elastic.queries asks for it
among the documents' `tree`, their ancestors' paths: one term). "" means no scope (no site is
configured): every page of the language.
The site (pages.middleware) and the live translation of its root come from the cached
navigation (pages.navigation): no query per request; a root or translation that is not live is
looked up in the database.
"""

from django.http import HttpRequest
from wagtail.models import Locale, Site

from pages import navigation


def tree_path(request: HttpRequest, language: str) -> str:
    try:
        site = Site.find_for_request(request)
    except Exception:  # a malformed Host: Wagtail serves the default site
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    nav = navigation.current()
    root = nav.pages.get(site.root_page_id)
    localized = nav.translation(root, language) if root is not None else None
    if localized is not None:
        return localized.path
    # The root or its translation is not live (the navigation lists live pages only).
    root = site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    found = root.get_translation_or_none(locale) if locale is not None else None
    return (found or root).path
