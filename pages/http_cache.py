"""Which responses a shared HTTP cache (Varnish, a CDN) may keep, and for how long.

`shared_cache(view)` marks a view's answer `Cache-Control: public, s-maxage=HTTP_CACHE_SECONDS`
when it is the same for every anonymous visitor of that URL:

- a GET or HEAD answered 200 (a 404 or a redirect is left to the proxy's defaults: not kept);
- no signed-in user and no session cookie in the request (staff, previews: never shared);
- the response sets no cookie, does not vary on `Cookie` (a rendered CSRF token) and carries no
  `Cache-Control` of its own (`never_cache`, `private`);
- for Wagtail pages (`pages.routing.serve`), only a page the navigation serves: a live page
  without view restriction (password or sign-in pages, drafts and previews are never marked);
- only under the host name its purges name: the `Host` is its site's own (`Site.root_url`, as
  `pages.purge` sends them). Another host name reaching the same site (the default site answers
  every host no site claims: `127.0.0.1:8000`, an IP, a `www.` alias) gets `private`, since a
  copy kept under it would outlive every publish until its `s-maxage`.

Browsers do not keep it (no max-age, no Last-Modified); the proxy keeps the page until it
expires or `pages.purge` purges it on publish. Region safety is `geo.middleware`'s: it runs
after this and adds `Vary` on the trusted region header, or `private` when no shared cache can
tell regions apart. The language is in the URL, so nothing varies on `Accept-Language`. Without
`HTTP_CACHE_SECONDS` (0) nothing is marked.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils.cache import has_vary_header, patch_cache_control

from .properties import site_of

SHAREABLE_METHODS = {"GET", "HEAD"}


def request_is_anonymous(request: HttpRequest) -> bool:
    """No session cookie, so no signed-in user: nothing in the answer can be this visitor's own.
    (Asking `request.user` would load the session and add `Vary: Cookie`.)"""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def shareable(request: HttpRequest, response: HttpResponse) -> bool:
    if settings.HTTP_CACHE_SECONDS <= 0:
        return False
    if request.method not in SHAREABLE_METHODS or response.status_code != 200:
        return False
    if not request_is_anonymous(request):
        return False
    if response.cookies or response.has_header("Cache-Control"):
        return False
    if has_vary_header(response, "Cookie"):
        return False
    return True


def purged_host(request: HttpRequest) -> bool:
    """Is the request's `Host` the one purges of its site name (its `root_url`'s, exactly:
    a shared cache keys copies by the header as sent)?"""
    site = site_of(request)
    if site is None:
        return False
    try:
        return request.get_host() == urlsplit(site.root_url).netloc
    except DisallowedHost:  # a Host Django refuses: never shared
        return False


def mark(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if shareable(request, response):
        if purged_host(request):
            patch_cache_control(response, public=True, s_maxage=settings.HTTP_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True)
    return response


def mark_when_rendered(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """`mark`, after a TemplateResponse rendered (Wagtail pages and the sitemap are lazy)."""
    if callable(getattr(response, "add_post_render_callback", None)):
        response.add_post_render_callback(lambda rendered: mark(request, rendered))
        return response
    return mark(request, response)


def shared_cache(view):
    """Decorate a view whose anonymous answers a shared cache may keep (see the module)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return mark_when_rendered(request, view(request, *args, **kwargs))

    return wrapper
