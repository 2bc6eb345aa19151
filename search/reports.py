"""Admin report (Reports → Search terms): top queries, zero-result queries and click-through
per query, for one language at a time."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import SearchLogEntry

ROWS = 50


def query_report(language: str) -> dict:
    entries = SearchLogEntry.objects.filter(language=language)
    searches = (
        entries.filter(kind=SearchLogEntry.Kind.SEARCH)
        .values("query")
        .annotate(
            searches=Count("id"),
            zero=Count("id", filter=Q(result_count=0)),
            last=Max("created_at"),
        )
    )
    clicks = dict(
        entries.exclude(kind=SearchLogEntry.Kind.SEARCH)
        .values("query")
        .annotate(clicks=Count("id"))
        .values_list("query", "clicks")
    )
    rows = []
    for row in searches:
        row["clicks"] = clicks.get(row["query"], 0)
        row["ctr"] = round(100 * min(row["clicks"], row["searches"]) / row["searches"])
        rows.append(row)
    top = sorted(rows, key=lambda r: (-r["searches"], r["query"]))[:ROWS]
    zero = sorted((r for r in rows if r["zero"]), key=lambda r: (-r["zero"], r["query"]))[:ROWS]
    return {
        "top": top,
        "zero": zero,
        "total_searches": sum(r["searches"] for r in rows),
        "total_zero": sum(r["zero"] for r in rows),
    }


def search_report(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("search.view_searchlogentry"):
        raise PermissionDenied
    languages = list(settings.LANGUAGES)
    language = request.GET.get("language", "en")
    if language not in dict(languages):
        language = "en"
    context = {
        "page_title": _("Search terms"),
        "header_icon": "search",
        "languages": languages,
        "language": language,
        **query_report(language),
    }
    return render(request, "search/admin/search_report.html", context)
