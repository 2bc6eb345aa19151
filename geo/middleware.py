"""Sets `request.geo` on every request and keeps region-dependent responses out of shared caches.

Put it right after LocaleMiddleware (it needs the language for the default region). A response
that used the region (`geo.resolve.region_for`) gets `Vary: X-Geo-Region` — a request header this
middleware writes itself, so Django's cache middleware keys such pages by region — plus `Vary`
on the trusted CDN header when one is configured; without a CDN header no shared cache can tell
regions apart, so those responses are also marked `Cache-Control: private` (and lose any
`s-maxage` a view gave them).
"""

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import resolve

logger = logging.getLogger("geo")
OVERRIDE_MAX_AGE = 60 * 60 * 24


SHARED_ONLY_DIRECTIVES = {"public", "s-maxage"}


def keep_private(response: HttpResponse) -> None:
    """`Cache-Control: private`, without what only a shared cache reads (`public`, `s-maxage`,
    e.g. from `pages.http_cache`): `private, s-maxage=…` says two opposite things."""
    patch_cache_control(response, private=True)
    directives = [part.strip() for part in response["Cache-Control"].split(",") if part.strip()]
    response["Cache-Control"] = ", ".join(
        part
        for part in directives
        if part.split("=", 1)[0].strip().lower() not in SHARED_ONLY_DIRECTIVES
    )


class GeoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            geo = resolve.resolve(request)
        except Exception:  # resolution must never cost the visitor the page
            logger.exception("geo: resolution failed, using no region")
            geo = resolve.Geo("", "", "default")
        request.geo = geo
        request._geo_used = False
        request.META[resolve.REGION_META] = geo.region or "-"
        response = self.get_response(request)
        self._remember_override(request, response, geo)
        if getattr(request, "_geo_used", False):
            headers = [resolve.REGION_HEADER]
            if settings.GEO_TRUSTED_HEADER:
                headers.append(settings.GEO_TRUSTED_HEADER)
            patch_vary_headers(response, headers)
            shared_cache_can_key = (
                settings.GEO_TRUSTED_HEADER
                and geo.source in ("header", "default")
                and resolve.trusted_header_value(request) is not None
                and resolve.requested_override(request) is None
            )
            if not shared_cache_can_key:
                keep_private(response)
        return response

    def _remember_override(self, request, response, geo) -> None:
        if resolve.OVERRIDE_PARAM not in request.GET or not resolve.override_allowed(request):
            return
        if geo.source == "override":
            response.set_signed_cookie(
                resolve.OVERRIDE_COOKIE,
                request.GET[resolve.OVERRIDE_PARAM].strip(),
                salt=resolve.OVERRIDE_SALT,
                max_age=OVERRIDE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        else:  # `?region=` (empty) or an unknown region ends the preview
            response.delete_cookie(resolve.OVERRIDE_COOKIE, samesite="Lax")
