"""The queries predicted as a visitor types (the autocomplete `queries`), read from the daily
aggregates (SearchTermDay), never from the raw log:

- a visitor's query is predicted only when at least SEARCH_PREDICTION_MIN_VISITORS distinct
  visitors searched it and found results within the last SEARCH_PREDICTION_WINDOW_DAYS days,
  counted inside one salt period (a visitor counts once per period, so one client can never
  reach the threshold alone; near a period's start the count is conservative);
- the editors' suggested queries (CuratedQuery) are predicted too, and alone when
  SEARCH_PREDICTIONS_APPROVED_ONLY is set;
- nothing containing a phrase of the language's blocklist (BlockedPrediction) is predicted.
"""

import datetime

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from .models import BlockedPrediction, CuratedQuery, SearchTermDay


def window_start(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.now().date()
    return today - datetime.timedelta(days=settings.SEARCH_PREDICTION_WINDOW_DAYS - 1)


def blocked_phrases(language: str) -> list[str]:
    return [
        phrase.lower()
        for phrase in BlockedPrediction.objects.filter(language=language).values_list(
            "phrase", flat=True
        )
    ]


def is_blocked(text: str, phrases: list[str]) -> bool:
    text = text.lower()
    return any(phrase and phrase in text for phrase in phrases)


def visitor_queries(prefix: str, language: str, limit: int) -> dict[str, int]:
    """Eligible visitor queries containing the prefix → searches in the window."""
    rows = (
        SearchTermDay.objects.filter(
            language=language, day__gte=window_start(), query__icontains=prefix
        )
        .values("query", "period")
        .annotate(distinct_visitors=Sum("visitors"), total=Sum("searches"))
        .filter(distinct_visitors__gte=settings.SEARCH_PREDICTION_MIN_VISITORS)
        .order_by("-total", "query")[:limit]
    )
    scores: dict[str, int] = {}
    for row in rows:
        scores[row["query"]] = scores.get(row["query"], 0) + row["total"]
    return scores


def predicted_queries(prefix: str, language: str, limit: int) -> list[str]:
    """Queries starting with the prefix first, then containing it; most searched first."""
    scores: dict[str, int] = {}
    if not settings.SEARCH_PREDICTIONS_APPROVED_ONLY:
        scores.update(visitor_queries(prefix, language, limit * 3))
    curated = (
        CuratedQuery.objects.filter(language=language, text__icontains=prefix)
        .values("text")
        .annotate(weight_sum=Sum("weight"))
    )
    for row in curated:
        scores[row["text"]] = scores.get(row["text"], 0) + row["weight_sum"]
    phrases = blocked_phrases(language)
    allowed = [text for text in scores if text != prefix and not is_blocked(text, phrases)]
    starts = {text for text in allowed if text.startswith(prefix)}
    ranked = sorted(allowed, key=lambda text: (text not in starts, -scores[text], text))
    return ranked[:limit]
