"""`POST /csp-report`: browsers report Content-Security-Policy violations here; each one is logged
(logger `cms.headers.reports`, WARNING) and the answer is 204.

Accepted bodies: the `report-uri` format (`application/csp-report`, `{"csp-report": {...}}`) and
the Reporting API's (`application/reports+json`, a list of `{"type": "csp-violation", "body":
{...}}`). A body over settings.CSP_REPORT_MAX_BYTES → 413; anything that is not one of those
formats → 400; never a 500. At most settings.CSP_REPORT_MAX_PER_BODY reports of one body are
logged, and at most settings.CSP_REPORT_MAX_PER_MINUTE per process a minute (the others are
counted in one line), so a flood cannot fill the disk. Logged URLs keep scheme, host and path:
query strings and fragments (which may hold what a visitor typed) are dropped.
"""

import json
import logging
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger(__name__)

# Fields of one violation: (Reporting API name, report-uri name).
FIELDS = {
    "directive": ("effectiveDirective", "effective-directive"),
    "blocked": ("blockedURL", "blocked-uri"),
    "document": ("documentURL", "document-uri"),
    "source": ("sourceFile", "source-file"),
    "line": ("lineNumber", "line-number"),
    "sample": ("sample", "script-sample"),
    "disposition": ("disposition", "disposition"),
}
URL_FIELDS = {"blocked", "document", "source"}


class MalformedReport(ValueError):
    pass


def _without_query(value) -> str:
    """A URL reduced to scheme://host/path; keywords such as `inline` or `eval` unchanged."""
    text = str(value)[:500]
    parts = urlsplit(text)
    if not parts.scheme or not parts.netloc:
        return text.split("?", 1)[0].split("#", 1)[0]
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def violations(payload) -> list[dict]:
    """The violations a decoded report body holds, each with the keys of FIELDS."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        raw, index = [payload["csp-report"]], 1
    elif isinstance(payload, list) and all(isinstance(item, dict) for item in payload):
        raw = [
            item["body"]
            for item in payload
            if item.get("type") == "csp-violation" and isinstance(item.get("body"), dict)
        ]
        index = 0
    else:
        raise MalformedReport("not a CSP violation report")
    found = []
    for report in raw:
        violation = {}
        for key, names in FIELDS.items():
            value = report.get(names[index], report.get(names[1 - index], ""))
            if isinstance(value, (dict, list)):
                raise MalformedReport(f"{key} is not a scalar")
            violation[key] = _without_query(value) if key in URL_FIELDS else str(value)[:80]
        if not violation["directive"]:
            violation["directive"] = str(report.get("violated-directive", ""))[:80]
        found.append(violation)
    return found


class _MinuteBudget:
    """How many more reports this process may log in the current minute."""

    def __init__(self):
        self._lock = threading.Lock()
        self._minute = 0
        self._logged = 0
        self._suppressed = 0

    def take(self, count: int, limit: int) -> tuple[int, int]:
        """(how many of `count` to log, how many were suppressed in the minute that ended)."""
        with self._lock:
            minute = int(time.monotonic() // 60)
            ended_suppressed = 0
            if minute != self._minute:
                ended_suppressed, self._suppressed = self._suppressed, 0
                self._minute, self._logged = minute, 0
            allowed = max(0, min(count, limit - self._logged))
            self._logged += allowed
            self._suppressed += count - allowed
            return allowed, ended_suppressed


budget = _MinuteBudget()


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@csrf_exempt
@require_POST
def csp_report(request):
    limit = settings.CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _error("invalid Content-Length", 400)
    if declared > limit:
        return _error("report too large", 413)
    body = request.read(limit + 1)
    if len(body) > limit:
        return _error("report too large", 413)
    try:
        found = violations(json.loads(body))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _error("not a CSP violation report", 400)
    logged, suppressed = budget.take(
        min(len(found), settings.CSP_REPORT_MAX_PER_BODY), settings.CSP_REPORT_MAX_PER_MINUTE
    )
    if suppressed:
        logger.warning("CSP violation reports suppressed in the last minute: %d", suppressed)
    for violation in found[:logged]:
        logger.warning(
            "CSP violation: directive=%s blocked=%s document=%s source=%s:%s sample=%r "
            "disposition=%s",
            violation["directive"],
            violation["blocked"],
            violation["document"],
            violation["source"],
            violation["line"],
            violation["sample"],
            violation["disposition"],
        )
    return HttpResponse(status=204)
