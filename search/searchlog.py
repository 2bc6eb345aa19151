"""The anonymous search log: what visitors searched and chose, and the queries it predicts."""

import logging

from django.db.models import Count, Q, Sum

from .models import CuratedQuery, SearchLogEntry

logger = logging.getLogger(__name__)


def record_search(query: str, language: str, result_count: int, backend: str) -> None:
    _record(
        kind=SearchLogEntry.Kind.SEARCH,
        query=query,
        language=language,
        result_count=result_count,
        backend=backend,
    )


def record_click(kind: str, query: str, language: str, url: str, position: int) -> None:
    _record(kind=kind, query=query, language=language, url=url, position=position)


def _record(**fields) -> None:
    try:
        SearchLogEntry.objects.create(**fields)
    except Exception:  # the log must never break a search
        logger.exception("search log: could not record %s", fields.get("kind"))


def predicted_queries(prefix: str, language: str, limit: int) -> list[str]:
    """Past searches of this language that found something and start with (first) or contain
    the prefix, most frequent first, merged with the queries editors curated."""
    scores: dict[str, int] = {}
    starts: set[str] = set()
    logged = (
        SearchLogEntry.objects.filter(
            language=language, kind=SearchLogEntry.Kind.SEARCH, result_count__gt=0
        )
        .filter(query__icontains=prefix)
        .values("query")
        .annotate(searches=Count("id"))
        .order_by("-searches")[: limit * 3]
    )
    for row in logged:
        scores[row["query"]] = scores.get(row["query"], 0) + row["searches"]
    curated = CuratedQuery.objects.filter(language=language, text__icontains=prefix)
    for item in curated.values("text").annotate(total=Sum("weight")):
        scores[item["text"]] = scores.get(item["text"], 0) + item["total"]
    for text in scores:
        if text.startswith(prefix):
            starts.add(text)
    ranked = sorted(scores, key=lambda text: (text not in starts, -scores[text], text))
    return [text for text in ranked if text != prefix][:limit]


def clicks_by_url(language: str) -> dict[str, int]:
    rows = (
        SearchLogEntry.objects.filter(language=language)
        .filter(Q(kind=SearchLogEntry.Kind.SUGGESTION) | Q(kind=SearchLogEntry.Kind.RESULT))
        .values("url")
        .annotate(clicks=Count("id"))
    )
    return {row["url"]: row["clicks"] for row in rows}
