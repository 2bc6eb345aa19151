"""The connection to Elasticsearch and the names of the indices under SEARCH_INDEX_PREFIX.

One client per (URL, timeout), without retries: a visitor's query that does not answer within
SEARCH_TIMEOUT fails at once and the database answers instead. Writes ask for a longer timeout
per call (`client().options(request_timeout=…)`).
"""

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch


def query_timeout() -> float:
    """Seconds: a slower Elasticsearch is treated as down for that request (SEARCH_TIMEOUT)."""
    return settings.SEARCH_TIMEOUT


@lru_cache(maxsize=4)
def _client(url: str, timeout: float) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def client() -> Elasticsearch:
    return _client(settings.SEARCH_URL, query_timeout())


def ping() -> bool:
    try:
        client().cluster.health(timeout="400ms")
    except Exception:
        return False
    return True


def _prefix() -> str:
    return settings.SEARCH_INDEX_PREFIX or "helpcenter"


def alias_name(language: str) -> str:
    """The alias visitors' queries read for `language` (over a timestamped concrete index)."""
    return f"{_prefix()}-pages-{language}"


def synonyms_index_name() -> str:
    """Plugin mode: the index of editors' synonym rules ({"language", "rules"}), read by the
    `synonyms` filter of every locale's index when its search analyzers are reloaded."""
    return f"{_prefix()}-synonyms"


def synonyms_set_name(language: str) -> str:
    """Stock mode: the synonyms set (synonyms API) of `language`'s editors' rules."""
    return f"{_prefix()}-synonyms-{language}"
