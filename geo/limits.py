"""Per-client request limits: how many requests one visitor may make to an endpoint in a period.

Counted by django-ratelimit in the cache named by RATELIMIT_USE_CACHE (Redis when REDIS_URL is
set, shared by every process and server; an in-process cache for `make run`), keyed on the
client address `geo.resolve.client_ip` finds (REMOTE_ADDR, or behind GEO_TRUSTED_PROXIES
proxies the address the outermost trusted proxy saw, so a forged X-Forwarded-For changes
nothing). A rate is a setting's "<count>/<period>" string ("60/m", "20/600" = 20 per 600 s);
an empty one means no limit, and RATELIMIT_ENABLE=false turns every limit off. When the cache
cannot be reached, requests are let through (logged): a broken counter never takes the site down.

    wait = limits.hit(request, "search", settings.SEARCH_RATE_LIMIT)
    if wait:
        return limits.too_many_json(wait)   # or too_many_page(request, wait)
"""

from __future__ import annotations

import math

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from .geoip import log_once
from .resolve import client_ip


def client_key(group: str, request: HttpRequest) -> str:
    """The bucket of the request's client: its real address ("unknown" when none is valid)."""
    address = client_ip(request)
    return str(address) if address is not None else "unknown"


def _usage(request: HttpRequest, group: str, rate: str, key, increment: bool) -> dict | None:
    if not rate:
        return None
    try:
        return get_usage(request, group=group, key=key, rate=rate, increment=increment)
    except Exception as error:  # the shared cache is down: let the request through
        log_once(f"limits:{group}", "limits: counter %s unavailable (%r)", group, error)
        return None


def _wait(usage: dict | None) -> int:
    if not usage or not usage["should_limit"]:
        return 0
    return max(1, int(math.ceil(usage["time_left"])))


def hit(request: HttpRequest, group: str, rate: str, key=client_key) -> int:
    """Count this request in `group`; 0 while within `rate`, else the seconds to wait."""
    return _wait(_usage(request, group, rate, key, increment=True))


def exhausted(request: HttpRequest, group: str, rate: str, key=client_key) -> int:
    """Like `hit` without counting: 0 if one more request would still be allowed."""
    usage = _usage(request, group, rate, key, increment=False)
    if usage and usage["count"] >= usage["limit"]:
        return max(1, int(math.ceil(usage["time_left"])))
    return 0


def _retry_after(response: HttpResponse, wait: int) -> HttpResponse:
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"
    return response


def too_many_json(wait: int) -> JsonResponse:
    """429 for the APIs: `{"error", "retry_after"}` and a Retry-After header."""
    message = f"Too many requests. Try again in {wait} seconds."
    return _retry_after(JsonResponse({"error": message, "retry_after": wait}, status=429), wait)


def too_many_page(request: HttpRequest, wait: int) -> HttpResponse:
    """429 for pages: a page in the visitor's language and a Retry-After header."""
    minutes = max(1, math.ceil(wait / 60))
    response = TemplateResponse(
        request,
        "429.html",
        {
            "message": ngettext(
                "You have made many requests in a short time. "
                "Please wait about %(minutes)d minute and try again.",
                "You have made many requests in a short time. "
                "Please wait about %(minutes)d minutes and try again.",
                minutes,
            )
            % {"minutes": minutes}
        },
        status=429,
    )
    return _retry_after(response, wait)


def retry_after(response: HttpResponse, wait: int) -> HttpResponse:
    """Give a 429 response rendered elsewhere (the contact form's page) its Retry-After."""
    return _retry_after(response, wait)
