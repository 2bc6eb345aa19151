"""WAGTAILSEARCH_BACKENDS for Elasticsearch (cms/settings/base.py uses it when SEARCH_URL is set).

The Elasticsearch distribution on Maven Central (integ-test zip) ships only the server's core
analysis: no `analysis-common` module (no edge_ngram, language analyzers, synonym filters). The
modelsearch backend's default index settings use edge_ngram and asciifolding, so they are replaced
by settings built from core components only (docs/decisions/0002-search-engine-and-index-layout.md).
"""

# Seconds. Queries from visitors use search.elastic.QUERY_TIMEOUT (well under a second);
# this one covers the modelsearch backend (admin search, page indexing, update_index).
INDEXING_TIMEOUT = 10

CORE_ONLY_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase"],
                },
            },
        },
    }
}


def elasticsearch_backends(url: str, index_prefix: str = "") -> dict:
    prefix = (index_prefix or "helpcenter") + "-"
    return {
        "default": {
            "BACKEND": "search.backends",
            "URLS": [url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": INDEXING_TIMEOUT,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        # Kept indexed so that it can answer when Elasticsearch cannot.
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
