"""The editors' synonym rules in Elasticsearch, applied by each locale's search analyzers at
search time (no reindex), through one of two mechanisms (`capabilities.synonyms_mode`):

- stock: one synonyms set per language (`client.synonyms_set_name`), one rule per editor's set
  (rule id = its primary key), read by a `synonym_graph` filter (`synonyms_set`, `updateable`).
  The synonyms API reloads the analyzers of every index using the set on each change.
- plugin: the rules in an ordinary index (`client.synonyms_index_name()`, {"language", "rules"}),
  read by the project plugin's `helpcenter_synonyms` filter when the locale's search analyzers
  are reloaded (`reload_synonyms`).

A stock set must exist before an index refers to it (an index created over a missing set is
left inoperable), so `ensure_set` runs before every index creation.
"""

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError, helpers

from .. import suggestion_cache
from ..settings import INDEXING_TIMEOUT, SYNONYMS_PUBLISH_TIMEOUT
from .capabilities import STOCK, synonyms_mode
from .client import alias_name, client, synonyms_index_name, synonyms_set_name


def filter_definition(language: str, mode: str) -> dict:
    """The `synonyms` token filter of the locale's search analyzers for `mode`. `lenient`: a
    rule the analyzer cannot parse is skipped, not fatal (as the plugin does)."""
    if mode == STOCK:
        return {
            "type": "synonym_graph",
            "synonyms_set": synonyms_set_name(language),
            "updateable": True,
            "lenient": True,
        }
    return {
        "type": "helpcenter_synonyms",
        "rules_index": synonyms_index_name(),
        "language": language,
    }


def ensure_set(language: str, timeout: float = INDEXING_TIMEOUT) -> None:
    """Stock mode: create the language's synonyms set, empty, if it does not exist yet."""
    if synonyms_mode() != STOCK:
        return
    es = client().options(request_timeout=timeout)
    try:
        es.synonyms.get_synonym(id=synonyms_set_name(language), size=1)
    except NotFoundError:
        es.synonyms.put_synonym(id=synonyms_set_name(language), synonyms_set=[])


def _rules_index_client(timeout: float) -> Elasticsearch:
    es = client().options(request_timeout=timeout)
    index = synonyms_index_name()
    if not es.indices.exists(index=index):
        es.indices.create(
            index=index,
            settings={"number_of_shards": 1, "number_of_replicas": settings.SEARCH_REPLICAS},
            mappings={
                "dynamic": "strict",
                "properties": {
                    "language": {"type": "keyword"},
                    "rules": {"type": "keyword", "index": False},
                },
            },
        )
    return es


def reload_synonyms(language: str, timeout: float = SYNONYMS_PUBLISH_TIMEOUT) -> None:
    """Plugin mode: reload the search analyzers of the locale's index, so its synonyms apply
    at once. Stock mode: nothing to do, the synonyms API reloaded them. Either way, kept
    suggestions are no longer served (search.suggestion_cache)."""
    if synonyms_mode() != STOCK:
        es = client().options(request_timeout=timeout)
        if es.indices.exists_alias(name=alias_name(language)):
            es.indices.reload_search_analyzers(index=alias_name(language))
    suggestion_cache.invalidate()


def put_synonym_rule(pk: int, language: str, rules: str, previous_language: str = "") -> None:
    """One editor's synonym set ("a, b, c") under its id; a change of language moves it. The
    caller reloads the affected locales (`reload_synonyms`)."""
    if synonyms_mode() != STOCK:
        _rules_index_client(SYNONYMS_PUBLISH_TIMEOUT).index(
            index=synonyms_index_name(),
            id=str(pk),
            document={"language": language, "rules": rules},
            refresh="wait_for",
        )
        return
    es = client().options(request_timeout=SYNONYMS_PUBLISH_TIMEOUT)
    if previous_language and previous_language != language:
        _delete_rule(es, pk, previous_language)
    try:
        es.synonyms.put_synonym_rule(
            set_id=synonyms_set_name(language), rule_id=str(pk), synonyms=rules
        )
    except NotFoundError:  # the language's set does not exist yet
        es.synonyms.put_synonym(
            id=synonyms_set_name(language), synonyms_set=[{"id": str(pk), "synonyms": rules}]
        )


def delete_synonym_rule(pk: int, language: str) -> None:
    if synonyms_mode() == STOCK:
        _delete_rule(client().options(request_timeout=SYNONYMS_PUBLISH_TIMEOUT), pk, language)
        return
    try:
        _rules_index_client(SYNONYMS_PUBLISH_TIMEOUT).delete(
            index=synonyms_index_name(), id=str(pk), refresh="wait_for"
        )
    except NotFoundError:
        pass


def _delete_rule(es: Elasticsearch, pk: int, language: str) -> None:
    try:
        es.synonyms.delete_synonym_rule(set_id=synonyms_set_name(language), rule_id=str(pk))
    except NotFoundError:  # no such rule or set: nothing to delete
        pass


def put_synonyms(language: str, rules: dict[int, str]) -> None:
    """Make `rules` ({id: "a, b, c"}) all the synonyms of `language` (on rebuilds), applied
    at once by the locale's search analyzers."""
    if synonyms_mode() == STOCK:
        client().options(request_timeout=INDEXING_TIMEOUT).synonyms.put_synonym(
            id=synonyms_set_name(language),
            synonyms_set=[{"id": str(pk), "synonyms": text} for pk, text in rules.items()],
        )
        return
    es = _rules_index_client(INDEXING_TIMEOUT)
    index = synonyms_index_name()
    actions = [
        {
            "_op_type": "index",
            "_index": index,
            "_id": str(pk),
            "_source": {"language": language, "rules": text},
        }
        for pk, text in rules.items()
    ]
    stored = es.search(
        index=index, query={"term": {"language": language}}, size=10_000, source=False
    )["hits"]["hits"]
    keep = {action["_id"] for action in actions}
    actions += [
        {"_op_type": "delete", "_index": index, "_id": hit["_id"]}
        for hit in stored
        if hit["_id"] not in keep
    ]
    if actions:
        helpers.bulk(es, actions, refresh="wait_for")
    reload_synonyms(language, INDEXING_TIMEOUT)
