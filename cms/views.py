"""Project-level views: robots.txt (per property: its languages, its host's sitemap) and error
pages in the visitor's language."""

import logging

from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pages import properties

logger = logging.getLogger(__name__)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        *(f"Disallow: /{code}/search/" for code in properties.for_request(request).languages),
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _visitor_language(request) -> str:
    """The URL's language prefix if it names a site language, else Accept-Language."""
    from_path = translation.get_language_from_path(request.path_info)
    return from_path or translation.get_language_from_request(request)


def page_not_found(request, exception=None):
    with translation.override(_visitor_language(request)):
        body = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponseNotFound(body)


def server_error(request):
    # Rendered without the request context: whatever broke may be in a context processor.
    try:
        with translation.override(_visitor_language(request)):
            body = loader.render_to_string("500.html")
    except Exception:
        logger.exception("the 500 page itself failed to render")
        body = "<h1>Server error</h1>"
    return HttpResponseServerError(body)
