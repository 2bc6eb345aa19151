"""Admin report (Reports → Search terms): top queries, zero-result queries and click-through
per query, for one language at a time, read from the daily aggregates (SearchTermDay); and its
"Never suggest this" action, which adds the query to the language's blocklist.

Both need the `search.view_searchlogentry` permission (who may read the report may keep a query
out of the predictions; removing a blocked phrase needs the snippet's delete permission)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .analysis import normalise
from .models import BlockedPrediction, SearchTermDay
from .predictions import blocked_phrases, is_blocked
from .settings import QUERY_MAX_LENGTH

ROWS = 50
PERMISSION = "search.view_searchlogentry"


def query_report(language: str) -> dict:
    rows = list(
        SearchTermDay.objects.filter(language=language)
        .values("query")
        .annotate(
            searches=Sum("searches"),
            zero=Sum("zero_result_searches"),
            clicks=Sum("clicks"),
            last=Max("last_searched_at"),
        )
        .filter(searches__gt=0)
    )
    phrases = blocked_phrases(language)
    for row in rows:
        row["ctr"] = round(100 * min(row["clicks"], row["searches"]) / row["searches"])
        row["blocked"] = is_blocked(row["query"], phrases)
    top = sorted(rows, key=lambda r: (-r["searches"], r["query"]))[:ROWS]
    zero = sorted((r for r in rows if r["zero"]), key=lambda r: (-r["zero"], r["query"]))[:ROWS]
    return {
        "top": top,
        "zero": zero,
        "total_searches": sum(r["searches"] for r in rows),
        "total_zero": sum(r["zero"] for r in rows),
    }


def _language(value: str) -> str:
    return value if value in dict(settings.LANGUAGES) else "en"


def search_report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    language = _language(request.GET.get("language", "en"))
    context = {
        "page_title": _("Search terms"),
        "header_icon": "search",
        "languages": list(settings.LANGUAGES),
        "language": language,
        **query_report(language),
    }
    return render(request, "search/admin/search_report.html", context)


@require_POST
def block_prediction(request: HttpRequest) -> HttpResponse:
    """POST language, query: never predict this query (and anything containing it) again."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    language = _language(request.POST.get("language", ""))
    phrase = normalise(request.POST.get("query", "")[:QUERY_MAX_LENGTH], language)
    report = reverse("search_terms_report") + "?" + urlencode({"language": language})
    if not phrase:
        messages.error(request, _("There was no query to block."))
        return redirect(report)
    BlockedPrediction.objects.get_or_create(language=language, phrase=phrase)
    messages.success(request, _("“%(query)s” will not be suggested any more.") % {"query": phrase})
    return redirect(report)
