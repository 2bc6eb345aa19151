"""Serving a page: find it in the cached navigation with one query instead of one per level.

`serve` replaces Wagtail's `wagtail_serve` view (`pages.urls`). Wagtail routes a URL by walking
the tree from the site's root page (the root page, its translation in the active language, then
each child slug: a few queries per level). Here the navigation's URL path table
(`pages.navigation`) names the page and one query loads it; the loaded page must still be live at
that very URL path, so a stale table never serves the wrong page. What the table does not know
(a draft, a private page, a page that routes sub-paths itself) goes through Wagtail's own routing,
as do Wagtail's `before_serve_page` hooks (view restrictions) for every page. Only a page found
in the navigation (live, public) may be kept by a shared cache (`pages.http_cache`). A language
the request's property (`pages.properties`) is not published in redirects to its default one.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponseRedirect
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from . import http_cache, navigation, properties


def _localized_root_url_path(site: Site, language: str) -> str | None:
    nav = navigation.current()
    root = nav.pages.get(site.root_page_id)
    if root is None:
        return None
    localized = nav.translation(root, language) or root
    return localized.url_path


def find_page(request: HttpRequest, path: str) -> Page | None:
    """The live page at `path` under the request's site, or None to let Wagtail route it."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root_url_path = _localized_root_url_path(site, navigation.current_language())
    if root_url_path is None:
        return None
    url_path = root_url_path + "".join(f"{part}/" for part in path.split("/") if part)
    entry = navigation.current().by_url_path.get(url_path)
    if entry is None:
        return None
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    if model is None or not issubclass(model, Page):
        return None
    page = model.objects.filter(id=entry.id, live=True, url_path=url_path).first()
    return page


def serve(request: HttpRequest, path: str):
    web_property = properties.for_request(request)
    if not web_property.serves(navigation.current_language()):
        # Not a language of this property: the same path in its default language.
        return HttpResponseRedirect(f"/{web_property.default_language}/{path}")
    page = find_page(request, path)
    if page is not None:
        # Where Wagtail keeps a request's route (Page.route_for_request), so its view and
        # everything else that asks for this request's page reuse it.
        request._wagtail_route_for_request = page.route(request, [])
    response = wagtail_views.serve(request, path)
    if page is None:  # a draft, a private page: never in a shared cache
        return response
    return http_cache.mark_when_rendered(request, response)
