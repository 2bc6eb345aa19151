"""The connection to Elasticsearch and the names of the indices under SEARCH_INDEX_PREFIX.

One client (one connection pool) per URL, without retries. A visitor's query runs with the
timeout of its kind (`timeout()`, set by search.api: SEARCH_AUTOCOMPLETE_TIMEOUT or
SEARCH_PAGE_TIMEOUT); one that does not answer in time fails at once and the database answers
that request. Writes ask for a longer timeout per call (`client().options(request_timeout=…)`).

The node pool must not add an outage of its own: a timeout or connection error marks the node
dead for `dead_node_backoff_factor × 2^(failures-1)` seconds, by default up to 30 s. Here that is
capped by the breaker's open window (SEARCH_BREAKER_OPEN_SECONDS), so a node the breaker probes
again is one the pool offers again. A timeout is never retried (`retry_on_timeout=False`), so it
never costs a visitor two timeouts; a refused connection (a stopped node) is retried once
(`max_retries=1`), on another node when SEARCH_URL lists several. (With a single node the pool
always returns it, dead or not.)
"""

import contextvars
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from elasticsearch import BadRequestError, Elasticsearch


class QueryRejected(Exception):
    """Elasticsearch answered a search of `_msearch` with HTTP 400: the query, not the cluster,
    is at fault."""


def is_rejection(error: Exception) -> bool:
    """Whether `error` is Elasticsearch refusing the query itself (HTTP 400: too many clauses,
    a query it cannot parse), as opposed to a cluster that failed or did not answer."""
    return isinstance(error, BadRequestError | QueryRejected)


DEAD_NODE_BACKOFF_FACTOR = 0.5  # seconds a node sits out after its first failure

_query_timeout: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "search_query_timeout", default=None
)


@contextmanager
def timeout(seconds: float):
    """Queries inside this block give up after `seconds`."""
    token = _query_timeout.set(seconds)
    try:
        yield
    finally:
        _query_timeout.reset(token)


def query_timeout() -> float:
    """Seconds: a slower Elasticsearch is treated as down for that request (the kind's timeout
    inside `timeout()`, else SEARCH_PAGE_TIMEOUT)."""
    value = _query_timeout.get()
    return settings.SEARCH_PAGE_TIMEOUT if value is None else value


def node_urls(url: str) -> list[str]:
    """SEARCH_URL's nodes: one URL, or several separated by commas (a cluster without a load
    balancer in front; the client spreads requests and skips a dead node)."""
    return [part.strip() for part in url.split(",") if part.strip()]


@lru_cache(maxsize=4)
def _client(url: str, max_dead_node_backoff: float) -> Elasticsearch:
    return Elasticsearch(
        node_urls(url),
        max_retries=1,
        retry_on_timeout=False,
        dead_node_backoff_factor=min(DEAD_NODE_BACKOFF_FACTOR, max_dead_node_backoff),
        max_dead_node_backoff=max_dead_node_backoff,
    )


@lru_cache(maxsize=16)
def _client_with_timeout(url: str, max_dead_node_backoff: float, timeout: float) -> Elasticsearch:
    return _client(url, max_dead_node_backoff).options(request_timeout=timeout)


def client() -> Elasticsearch:
    """The client for SEARCH_URL with the current query timeout (one pool per URL)."""
    url, backoff = settings.SEARCH_URL, settings.SEARCH_BREAKER_OPEN_SECONDS
    return _client_with_timeout(url, backoff, query_timeout())


def cluster_health() -> dict | None:
    """{"status": "green|yellow|red", "number_of_nodes": n}, or None when no node answers."""
    try:
        return dict(
            client().cluster.health(timeout="400ms", filter_path=["status", "number_of_nodes"])
        )
    except Exception:
        return None


def ping() -> bool:
    return cluster_health() is not None


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
