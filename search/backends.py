"""Wagtail's `elasticsearch9` backend (modelsearch) with index settings the core-only
Elasticsearch build accepts (see search/settings.py)."""

from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

from .settings import CORE_ONLY_INDEX_SETTINGS


class HelpCenterElasticsearchBackend(Elasticsearch9SearchBackend):
    settings = CORE_ONLY_INDEX_SETTINGS


SearchBackend = HelpCenterElasticsearchBackend
