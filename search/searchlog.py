"""The anonymous search log: what visitors searched and chose (queries masked:
search.masking), and the queries it predicts."""

import logging
from functools import lru_cache

from django.db import connection
from django.db.models import Count, Q

from .masking import mask_query
from .models import CuratedQuery, SearchLogEntry
from .settings import QUERY_MAX_LENGTH

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


def _record(query: str, **fields) -> None:
    # Masking can lengthen a query ("a@b" → "[email]"): cut to what the column holds.
    query = mask_query(query)[:QUERY_MAX_LENGTH]
    try:
        SearchLogEntry.objects.create(query=query, **fields)
    except Exception:  # the log must never break a search
        logger.exception("search log: could not record %s", fields.get("kind"))


def predicted_queries(prefix: str, language: str, limit: int) -> list[str]:
    """Past searches of this language that found something and start with (first) or contain
    the prefix, most frequent first, merged with the queries editors curated."""
    # Runs on every autocomplete keystroke: one SQL statement built once per database vendor
    # (building the two equivalent ORM querysets each time cost ~0.8 ms of the request).
    pattern = f"%{connection.ops.prep_for_like_query(prefix)}%"
    params = [language, SearchLogEntry.Kind.SEARCH.value, pattern, limit * 3, language, pattern]
    with connection.cursor() as cursor:
        cursor.execute(_predicted_sql(connection.vendor), params)
        rows = cursor.fetchall()
    scores: dict[str, int] = {}
    for text, score in rows:
        scores[text] = scores.get(text, 0) + int(score)
    starts = {text for text in scores if text.startswith(prefix)}
    ranked = sorted(scores, key=lambda text: (text not in starts, -scores[text], text))
    return [text for text in ranked if text != prefix][:limit]


@lru_cache(maxsize=4)
def _predicted_sql(vendor: str) -> str:
    """Searches that found something and contain the prefix (as the `icontains` lookup compares
    on this database), counted, the most frequent `limit * 3`; then the curated queries
    containing it with their summed weight."""
    ops, quote = connection.ops, connection.ops.quote_name

    def contains(column: str) -> str:
        cast = ops.lookup_cast("icontains", "CharField") % quote(column)
        return f"{cast} {connection.operators['icontains']}"

    log, curated = quote(SearchLogEntry._meta.db_table), quote(CuratedQuery._meta.db_table)
    logged = (
        f"SELECT {quote('query')} AS phrase, COUNT(*) AS score FROM {log} "
        f"WHERE {quote('language')} = %s AND {quote('kind')} = %s "
        f"AND {quote('result_count')} > 0 AND {contains('query')} "
        f"GROUP BY {quote('query')} ORDER BY score DESC LIMIT %s"
    )
    chosen = (
        f"SELECT {quote('text')} AS phrase, SUM({quote('weight')}) AS score FROM {curated} "
        f"WHERE {quote('language')} = %s AND {contains('text')} GROUP BY {quote('text')}"
    )
    return f"SELECT phrase, score FROM ({logged}) logged UNION ALL {chosen}"


def clicks_by_url(language: str) -> dict[str, int]:
    rows = (
        SearchLogEntry.objects.filter(language=language)
        .filter(Q(kind=SearchLogEntry.Kind.SUGGESTION) | Q(kind=SearchLogEntry.Kind.RESULT))
        .values("url")
        .annotate(clicks=Count("id"))
    )
    return {row["url"]: row["clicks"] for row in rows}
