"""`GET /healthz`: what works, what fell back, what is down.

The components after the database are the apps' checks listed in settings.HEALTH_CHECKS
({component: dotted path of a function returning "ok", "degraded", "down" or "disabled"}), in
that order; a check that raises reports "down". settings.HEALTH_DETAILS lists the functions
whose figures appear under "details" ({component: dotted path of a function returning a dict}).
"""

import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@functools.cache
def _function(dotted_path: str) -> Callable:
    return import_string(dotted_path)


def _details() -> dict:
    figures = {}
    for name, dotted_path in settings.HEALTH_DETAILS.items():
        try:
            figures[name] = _function(dotted_path)()
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


def _run(name: str, dotted_path: str) -> str:
    try:
        return _function(dotted_path)()
    except Exception:
        logger.exception("healthz: the %s check failed", name)
        return "down"


@never_cache
def healthz(request):
    report = {"database": check_database()}
    for name, dotted_path in settings.HEALTH_CHECKS.items():
        report[name] = _run(name, dotted_path)
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
