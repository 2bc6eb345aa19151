"""What the cluster behind SEARCH_URL can do, decided once per URL and process: which synonym
mechanism the visitor indices use (`synonyms_mode`).

- "stock": analysis-common's `synonym_graph` filter reading a synonyms set of the synonyms API
  (`PUT _synonyms/<set>`), updateable, reloaded by the API itself. Every full distribution of
  Elasticsearch 8.10+ has it: Elastic Cloud, self-managed clusters.
- "plugin": the project's `helpcenter_synonyms` filter (search/elasticsearch_plugin), the stand-in
  on Maven Central's test build of Elasticsearch, which lacks analysis-common and the reindex
  module the synonyms API needs.

SEARCH_SYNONYMS_MODE chooses ("stock", "plugin"), or "auto" (the default) asks the cluster:
`_analyze` with an inline `synonym_graph` filter answers 200 where analysis-common is installed
and 400 "Unknown filter type" where it is not. `_analyze` needs no node-level privileges and
exists on Elastic Cloud Serverless too, unlike `_nodes/plugins`.
"""

import threading

from django.conf import settings
from elasticsearch import BadRequestError

from ..settings import INDEXING_TIMEOUT
from .client import client

STOCK = "stock"
PLUGIN = "plugin"
MODES = ("auto", STOCK, PLUGIN)

_detected: dict[str, str] = {}
_lock = threading.Lock()


def synonyms_mode() -> str:
    """STOCK or PLUGIN for the cluster at SEARCH_URL (raises when the cluster cannot answer
    the probe: the caller is creating an index or publishing synonyms and reports it)."""
    chosen = settings.SEARCH_SYNONYMS_MODE
    if chosen != "auto":
        return chosen
    url = settings.SEARCH_URL
    with _lock:
        if url not in _detected:
            _detected[url] = detect()
        return _detected[url]


def detect() -> str:
    """Asks the cluster whether analysis-common's `synonym_graph` filter exists."""
    try:
        client().options(request_timeout=INDEXING_TIMEOUT).indices.analyze(
            tokenizer="standard",
            filter=[{"type": "synonym_graph", "synonyms": ["reset, restore"]}],
            text="reset",
        )
    except BadRequestError as error:
        if "synonym_graph" in str(error):  # "Unknown filter type [synonym_graph] …"
            return PLUGIN
        raise
    return STOCK


def forget() -> None:
    """Detect again on next use (tests; a cluster upgraded in place)."""
    with _lock:
        _detected.clear()
