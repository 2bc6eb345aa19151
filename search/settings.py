"""Search-only defaults (the limits of a query, the timeouts of Elasticsearch writes) and
WAGTAILSEARCH_BACKENDS for Elasticsearch (cms/settings/base.py uses it when SEARCH_URL is set).
What an operator may change is in cms/settings/base.py (SEARCH_URL, the query timeouts
SEARCH_AUTOCOMPLETE_TIMEOUT and SEARCH_PAGE_TIMEOUT, the breaker, SEARCH_SYNONYMS_MODE,
SEARCH_INDEX_PREFIX, SEARCH_FALLBACK_LANGUAGE).

Wagtail's own indices (admin search, `update_index`) use modelsearch's elasticsearch9 backend with
its default analysis (edge n-grams, ASCII folding); on the Elasticsearch build from Maven Central
the helpcenter-analysis plugin supplies those components (search/elasticsearch_plugin).
"""

# Characters of a query: the search boxes' `maxlength`, the widget's cut-off, the results page
# and the autocomplete API (longer: 400), and the stored query of the search log.
QUERY_MAX_LENGTH = 200
# Suggestions the autocomplete API returns without `limit` (and the widget asks for), and the most
# it accepts.
AUTOCOMPLETE_LIMIT = 8
AUTOCOMPLETE_MAX_LIMIT = 20

# Timeouts in seconds. Queries from visitors use settings.SEARCH_AUTOCOMPLETE_TIMEOUT and
# SEARCH_PAGE_TIMEOUT (well under a second; docs/decisions/0013).
# The modelsearch backend: admin search, page indexing, the first half of update_index.
MODELSEARCH_TIMEOUT = 10
# The visitor indices (search.elastic): document writes on publish, bulk rebuilds, and the
# synonyms a rebuild publishes.
INDEXING_TIMEOUT = 30
# A rebuilt index answers this many of the last WARM_DAYS' most searched queries of its
# language before its alias moves to it (a cold index's first answers are the slow ones).
WARM_QUERIES = 200
WARM_DAYS = 7
# Of those, the first this many are also asked by meaning (kNN): each costs an embedding of the
# query, and a few suffice to load the vectors' graph.
WARM_MEANING_QUERIES = 20
# An editor's synonym save waits this long at most per call; failures are logged, the save
# stands, and the next change or `update_index` publishes again.
SYNONYMS_PUBLISH_TIMEOUT = 5


def with_replicas(backends: dict, replicas: int) -> dict:
    """Wagtail's own indices (the admin's search) get SEARCH_REPLICAS replicas, as the visitor
    indices do: on one node, 0 keeps the cluster green."""
    default = backends["default"]
    if default["BACKEND"].startswith("modelsearch.backends.elasticsearch"):
        default["INDEX_SETTINGS"] = {"settings": {"index": {"number_of_replicas": replicas}}}
    return backends


def elasticsearch_backends(url: str, index_prefix: str = "") -> dict:
    prefix = (index_prefix or "helpcenter") + "-"
    return {
        "default": {
            "BACKEND": "modelsearch.backends.elasticsearch9",
            "URLS": [part.strip() for part in url.split(",") if part.strip()],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": MODELSEARCH_TIMEOUT,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        # Kept indexed so that it can answer when Elasticsearch cannot.
        "database": {"BACKEND": "search.database_backend"},
    }
