"""WAGTAILSEARCH_BACKENDS for Elasticsearch (cms/settings/base.py uses it when SEARCH_URL is set).

Wagtail's own indices (admin search, `update_index`) use modelsearch's elasticsearch9 backend with
its default analysis (edge n-grams, ASCII folding); on the Elasticsearch build from Maven Central
the helpcenter-analysis plugin supplies those components (search/elasticsearch_plugin).
"""

# Seconds. Queries from visitors use settings.SEARCH_TIMEOUT (well under a second);
# this one covers the modelsearch backend (admin search, page indexing, update_index).
INDEXING_TIMEOUT = 10


def elasticsearch_backends(url: str, index_prefix: str = "") -> dict:
    prefix = (index_prefix or "helpcenter") + "-"
    return {
        "default": {
            "BACKEND": "modelsearch.backends.elasticsearch9",
            "URLS": [url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": INDEXING_TIMEOUT,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        # Kept indexed so that it can answer when Elasticsearch cannot.
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
