"""The anonymous search log: what visitors searched and chose, masked (search.masking) before
anything is stored, and the daily aggregates (SearchTermDay) updated with each row.

Requests that must not feed it (DNT, GPC, cross-site: search.visitors) leave no trace here.
A visitor counts towards a query's distinct visitors only when the search found results and the
masked query does not look personal; the count is an insert-if-new of a keyed visitor hash
(SearchTermVisitor's unique constraint), so it stays right across processes. The raw log is
kept SEARCH_LOG_RETENTION_DAYS (search.retention)."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.http import HttpRequest
from django.utils import timezone

from .masking import looks_personal, mask_query
from .models import SearchLogEntry, SearchTermDay, SearchTermVisitor
from .settings import QUERY_MAX_LENGTH
from .visitors import feeds_search_log, period, visitor_hash

logger = logging.getLogger(__name__)


def record_search(
    request: HttpRequest | None, query: str, language: str, result_count: int, backend: str
) -> None:
    if not feeds_search_log(request):
        return
    query = _masked(query)
    try:
        SearchLogEntry.objects.create(
            kind=SearchLogEntry.Kind.SEARCH,
            query=query,
            language=language,
            result_count=result_count,
            backend=backend,
        )
        now = timezone.now()
        _add_to_day(
            language,
            query,
            now.date(),
            searches=F("searches") + 1,
            zero_result_searches=F("zero_result_searches") + (0 if result_count else 1),
            results=result_count,
            last_searched_at=now,
        )
        if result_count and not looks_personal(query):
            _count_visitor(request, language, query, now.date())
    except Exception:  # the log must never break a search
        logger.exception("search log: could not record a search")


def record_click(
    request: HttpRequest | None, kind: str, query: str, language: str, url: str, position: int
) -> None:
    if not feeds_search_log(request):
        return
    query = _masked(query)
    try:
        SearchLogEntry.objects.create(
            kind=kind, query=query, language=language, url=url, position=position
        )
        _add_to_day(language, query, timezone.now().date(), clicks=F("clicks") + 1)
    except Exception:
        logger.exception("search log: could not record a %s click", kind)


def _masked(query: str) -> str:
    # Masking can lengthen a query ("a@b" → "[email]"): cut to what the column holds.
    return mask_query(query)[:QUERY_MAX_LENGTH]


def _add_to_day(language: str, query: str, day, **changes) -> None:
    """Upsert today's aggregate row: increments with F() so that concurrent processes add up."""
    rows = SearchTermDay.objects.filter(language=language, query=query, day=day)
    if rows.update(**changes):
        return
    try:
        with transaction.atomic():
            SearchTermDay.objects.create(
                language=language, query=query, day=day, period=period(day)
            )
    except IntegrityError:  # another process created it first
        pass
    rows.update(**changes)


def _count_visitor(request: HttpRequest, language: str, query: str, day) -> None:
    try:
        with transaction.atomic():
            SearchTermVisitor.objects.create(
                language=language,
                query=query,
                period=period(day),
                visitor=visitor_hash(request, language, query, day),
                day=day,
            )
    except IntegrityError:  # this visitor was already counted in this salt period
        return
    SearchTermDay.objects.filter(language=language, query=query, day=day).update(
        visitors=F("visitors") + 1
    )


def clicks_by_url(language: str) -> dict[str, int]:
    """Clicks per page over the retained log (the popularity Elasticsearch ranks with)."""
    rows = (
        SearchLogEntry.objects.filter(language=language)
        .filter(Q(kind=SearchLogEntry.Kind.SUGGESTION) | Q(kind=SearchLogEntry.Kind.RESULT))
        .values("url")
        .annotate(clicks=Count("id"))
    )
    return {row["url"]: row["clicks"] for row in rows}


def popular_queries(language: str, limit: int, days: int) -> list[str]:
    """The language's most searched (masked) queries of the last `days` days, most first: what
    a new index is warmed with before visitors reach it."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    rows = (
        SearchTermDay.objects.filter(language=language, day__gte=since)
        .values("query")
        .annotate(total=Sum("searches"))
        .order_by("-total", "query")[:limit]
    )
    return [row["query"] for row in rows]
