"""The search app's public module: other apps and the views call only these functions.

Every function answers from Elasticsearch when it is configured and healthy, and from the
database backend otherwise (timeouts, connection errors, error responses): a failure sends that
one request to the database, several in a row open the breaker (search.breaker). A query
Elasticsearch rejects (HTTP 400) also goes to the database, without counting as a failure. The
answer says which backend served it, and `health()` reports "degraded" while Elasticsearch does
not answer or the breaker is not closed.
"""

import logging
from dataclasses import dataclass, replace

from django.conf import settings

from . import database, elastic, embeddings, semantic, suggestion_cache
from .breaker import Breaker
from .elastic import client, queries
from .predictions import predicted_queries
from .query import SearchQuery, clean
from .query_variants import cleaned_variants
from .settings import AUTOCOMPLETE_LIMIT
from .topic_words import topic_words

logger = logging.getLogger(__name__)

ELASTICSEARCH = "elasticsearch"
DATABASE = "database"
# The backend of an answer neither backend could give (the results page says so).
UNAVAILABLE = "unavailable"

# What ranked a suggestion (the words' score, meaning's closeness): not the visitor's to see.
RANKING_KEYS = {"score", "closeness"}

# One per process (each gunicorn worker decides from what it saw).
breaker = Breaker()


def reset() -> None:
    """Forget past failures (tests, and after an operator fixed Elasticsearch)."""
    breaker.reset()


def _run(what: str, timeout: float, on_elasticsearch, on_database):
    """Elasticsearch's answer within `timeout` seconds, else the database's for this request;
    the breaker decides whether Elasticsearch is asked at all."""
    if elastic.enabled() and breaker.allow():
        try:
            with client.timeout(timeout):
                answer = on_elasticsearch()
        except Exception as error:
            rejected = client.is_rejection(error)
            if rejected:
                breaker.rejected()  # the query's fault, not the cluster's
            else:
                breaker.failed()
            # The error's type only: its message may quote the visitor's query.
            logger.warning(
                "search: Elasticsearch %s (%s: %s); answering from the database (breaker %s)",
                "rejected the query" if rejected else "failed",
                what,
                type(error).__name__,
                breaker.state,
            )
        else:
            breaker.succeeded()
            return answer, ELASTICSEARCH
    return on_database(), DATABASE


def _database(what: str, answer):
    """The database backend's answer; None when it fails too (logged, never raised)."""
    try:
        return answer()
    except Exception:
        logger.exception("search: the database backend failed (%s)", what)
        return None


def autocomplete(
    query: str,
    language: str,
    limit: int = AUTOCOMPLETE_LIMIT,
    scope: str = "",
    meaning: bool = False,
) -> dict:
    """The JSON of /api/v1/search/autocomplete (query already validated by the caller); only
    pages below the tree path `scope` (the visitor's site: search.scope) when given.

    Suggestions match the words as typed (fast: every keystroke). With `meaning` (the widget's
    second round, when the visitor pauses) they are fused with the pages nearest in meaning
    (the passages' vectors: search.semantic), so a question whose words are not the page's
    (another language, other words) still suggests its article; words alone when
    SEARCH_SEMANTIC is off."""
    text = clean(query, language).text
    if not text:
        return {
            "query": "",
            "locale": language,
            "backend": DATABASE,
            "suggestions": [],
            "queries": [],
        }
    about = topic_words(text, language)  # without "how do i", "my"…: search.topic_words
    key, suggestions = "", None
    if elastic.enabled():  # Elasticsearch's answers only (search.suggestion_cache)
        key, suggestions = suggestion_cache.get(
            client.alias_name(language), language, scope, limit, about
        )
    if suggestions is not None:
        backend = ELASTICSEARCH
    else:
        suggestions, backend = _run(
            "autocomplete",
            settings.SEARCH_AUTOCOMPLETE_TIMEOUT,
            lambda: queries.autocomplete(about, language, limit, scope),
            lambda: _database(
                "autocomplete",
                lambda: database.autocomplete(
                    cleaned_variants(about, language), language, limit, scope
                ),
            ),
        )
        if backend == ELASTICSEARCH:
            suggestion_cache.put(key, suggestions)
    if suggestions is None:
        suggestions, backend = [], UNAVAILABLE
    if meaning and embeddings.enabled():
        suggestions, backend = _with_meaning(text, language, limit, scope, suggestions, backend)
    predicted = [{"text": q} for q in predicted_queries(text, language, min(limit, 5))]
    return {
        "query": text,
        "locale": language,
        "backend": backend,
        "suggestions": [{k: v for k, v in s.items() if k not in RANKING_KEYS} for s in suggestions],
        "queries": predicted,
    }


def _with_meaning(
    text: str, language: str, limit: int, scope: str, suggestions: list[dict], backend: str
) -> tuple[list[dict], str]:
    """The word suggestions fused with the pages nearest in meaning to `text`
    (search.semantic.autocomplete_order), and the backend that answered (the database when it
    answered either round); the word suggestions alone when neither backend can answer."""
    found, meaning_backend = _run(
        "autocomplete meaning",
        settings.SEARCH_PAGE_TIMEOUT,
        lambda: queries.meaning(text, language, limit, scope),
        lambda: _database(
            "autocomplete meaning", lambda: database.meaning(text, language, limit, scope)
        ),
    )
    if found is None:
        return suggestions, backend
    by_url = {s["url"]: s for s in found}
    by_url.update({s["url"]: s for s in suggestions})
    order = semantic.autocomplete_order(text, suggestions, found)
    fused = [by_url[url] for url in order][:limit]
    if backend == UNAVAILABLE:
        return fused, meaning_backend
    return fused, DATABASE if DATABASE in (backend, meaning_backend) else backend


@dataclass
class SearchOutcome:
    query: str
    language: str
    backend: str
    hits: list[dict]
    total: int
    correction: str
    # The passage answering the query ({"page_id", "title", "url", "anchor", "text", "score"})
    # when the first hit is confidently right (search.semantic); None otherwise.
    answer: dict | None = None


def search(query: SearchQuery) -> SearchOutcome:
    """The results page's answer to `query` (its text cleaned here: search.query.clean). Never
    raises: when the database fails as well, the answer is empty and its backend UNAVAILABLE."""
    query = replace(query, text=clean(query.text, query.language).text)
    if not query.text:
        return SearchOutcome(query.text, query.language, DATABASE, [], 0, "")
    found, backend = _run(
        "search",
        settings.SEARCH_PAGE_TIMEOUT,
        lambda: queries.search(query),
        lambda: _database(
            "search", lambda: database.search(query, cleaned_variants(query.text, query.language))
        ),
    )
    if found is None:
        return SearchOutcome(query.text, query.language, UNAVAILABLE, [], 0, "")
    return SearchOutcome(
        query.text,
        query.language,
        backend,
        found["hits"],
        found["total"],
        found["correction"],
        found.get("answer"),
    )


def health() -> str:
    """For /healthz: "ok", or "degraded" while Elasticsearch fails and the database answers."""
    if not elastic.enabled():
        return "ok"
    cluster = client.cluster_health()
    if cluster is None or cluster.get("status") == "red":
        return "degraded"
    return "ok" if breaker.is_closed() else "degraded"


def health_details() -> dict:
    """For /healthz's details: the cluster's status and nodes, and this process's breaker."""
    if not elastic.enabled():
        return {"elasticsearch": "disabled"}
    cluster = client.cluster_health() or {}
    return {
        "cluster": cluster.get("status", "unreachable"),
        "nodes": cluster.get("number_of_nodes", 0),
        "breaker": breaker.state,
    }


def languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def answer_ratings(
    start, end, language: str = "", tree_paths: tuple[str, ...] | None = None
) -> tuple[int, int]:
    """(ratings, "yes" ratings) of the direct answers between `start` and `end` (datetimes), in
    one language or all, of pages below one of `tree_paths` (one property's trees) or anywhere
    (None): the KPI dashboard's direct-answer helpfulness."""
    from django.db.models import Count, Q

    from .models import AnswerFeedback

    ratings = AnswerFeedback.objects.filter(created_at__gte=start, created_at__lt=end)
    if language:
        ratings = ratings.filter(language=language)
    if tree_paths is not None:
        below = Q(pk__in=[])
        for path in tree_paths:
            below |= Q(page__path__startswith=path)
        ratings = ratings.filter(below)
    counts = ratings.aggregate(total=Count("id"), yes=Count("id", filter=Q(helpful=True)))
    return counts["total"], counts["yes"]
