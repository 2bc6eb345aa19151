"""The search app's public module: other apps and the views call only these functions.

Every function answers from Elasticsearch when it is configured and healthy, and from the
database backend otherwise (timeouts, connection errors, error responses); the answer says which
backend served it, and `health()` reports "degraded" while Elasticsearch is failing.
"""

import logging
import threading
import time
from dataclasses import dataclass, field, replace

from django.conf import settings

from . import database, elastic
from .analysis import normalise
from .elastic import client, queries
from .predictions import predicted_queries
from .query import SearchQuery
from .settings import AUTOCOMPLETE_LIMIT
from .synonyms import variants

logger = logging.getLogger(__name__)

ELASTICSEARCH = "elasticsearch"
DATABASE = "database"
# After a failure, skip Elasticsearch for this long (seconds) instead of waiting on it again.
RETRY_AFTER = 5.0


@dataclass
class _State:
    failed_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


_state = _State()


def reset() -> None:
    """Forget past failures (tests, and after an operator fixed Elasticsearch)."""
    _state.failed_at = 0.0


def _use_elasticsearch() -> bool:
    if not elastic.enabled():
        return False
    return time.monotonic() - _state.failed_at > RETRY_AFTER if _state.failed_at else True


def _failed(what: str) -> None:
    logger.warning("search: Elasticsearch failed (%s); answering from the database", what)
    _state.failed_at = time.monotonic()


def _run(what: str, on_elasticsearch, on_database):
    if _use_elasticsearch():
        try:
            return on_elasticsearch(), ELASTICSEARCH
        except Exception as error:
            _failed(f"{what}: {type(error).__name__}: {error}")
    return on_database(), DATABASE


def autocomplete(query: str, language: str, limit: int = AUTOCOMPLETE_LIMIT) -> dict:
    """The JSON of /api/v1/search/autocomplete (query already validated by the caller)."""
    text = normalise(query, language)
    suggestions, backend = _run(
        "autocomplete",
        lambda: queries.autocomplete(text, language, limit),
        lambda: database.autocomplete(variants(text, language), language, limit),
    )
    predicted = [{"text": q} for q in predicted_queries(text, language, min(limit, 5))]
    return {
        "query": text,
        "locale": language,
        "backend": backend,
        "suggestions": suggestions,
        "queries": predicted,
    }


@dataclass
class SearchOutcome:
    query: str
    language: str
    backend: str
    hits: list[dict]
    total: int
    correction: str


def search(query: SearchQuery) -> SearchOutcome:
    """The results page's answer to `query` (its text normalised here)."""
    query = replace(query, text=normalise(query.text, query.language))
    found, backend = _run(
        "search",
        lambda: queries.search(query),
        lambda: database.search(query, variants(query.text, query.language)),
    )
    return SearchOutcome(
        query.text, query.language, backend, found["hits"], found["total"], found["correction"]
    )


def health() -> str:
    """For /healthz: "ok", or "degraded" while Elasticsearch fails and the database answers."""
    if not elastic.enabled():
        return "ok"
    if not client.ping():
        _state.failed_at = time.monotonic()
        return "degraded"
    return "ok" if _use_elasticsearch() else "degraded"


def languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}
