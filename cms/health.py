"""`GET /healthz`: what works, what fell back, what is down."""

import logging
from collections.abc import Callable

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

# Each optional component (search, helpdesk, tracking) registers a check returning
# "ok", "degraded", "down" or "disabled"; one with no check reports "disabled".
_CHECKS: dict[str, Callable[[], str]] = {}


def register_check(component: str, check: Callable[[], str]) -> None:
    _CHECKS[component] = check


# Optional figures a component adds under "details" (e.g. tracking's delivery counters).
_DETAILS: dict[str, Callable[[], dict]] = {}


def register_details(component: str, details: Callable[[], dict]) -> None:
    _DETAILS[component] = details


def _details() -> dict:
    figures = {}
    for name, details in _DETAILS.items():
        try:
            figures[name] = details()
        except Exception:
            logger.exception("healthz: the %s details failed", name)
    return figures


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("healthz: database unreachable")
        return "down"
    return "ok"


def _run(name: str, check: Callable[[], str]) -> str:
    try:
        return check()
    except Exception:
        logger.exception("healthz: the %s check failed", name)
        return "down"


@never_cache
def healthz(request):
    report = {"database": check_database()}
    for name in ("search", "helpdesk", "tracking", "geo"):
        check = _CHECKS.get(name)
        report[name] = _run(name, check) if check else "disabled"
    if report["database"] == "down":
        status, code = "down", 503
    elif any(value in {"degraded", "down"} for value in report.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    body = {"status": status, **report}
    details = _details()
    if details:
        body["details"] = details
    return JsonResponse(body, status=code)
