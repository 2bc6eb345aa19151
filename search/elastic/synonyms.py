"""The editors' synonym rules in Elasticsearch: stored in their own index
(`client.synonyms_index_name()`, {"language", "rules"}), which the `synonyms` filter of each
locale's index reads when its search analyzers are reloaded; no reindex is needed."""

from elasticsearch import Elasticsearch, NotFoundError, helpers

from ..settings import INDEXING_TIMEOUT, SYNONYMS_PUBLISH_TIMEOUT
from .client import alias_name, client, synonyms_index_name


def _synonyms_client(timeout: float) -> Elasticsearch:
    es = client().options(request_timeout=timeout)
    index = synonyms_index_name()
    if not es.indices.exists(index=index):
        es.indices.create(
            index=index,
            settings={"number_of_shards": 1, "number_of_replicas": 0},
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
    """Reload the search analyzers of the locale's index: its synonyms apply at once."""
    es = client().options(request_timeout=timeout)
    if es.indices.exists_alias(name=alias_name(language)):
        es.indices.reload_search_analyzers(index=alias_name(language))


def put_synonym_rule(pk: int, language: str, rules: str) -> None:
    """One editor's synonym set ("a, b, c"), stored under its id (a change of language moves
    it); the caller reloads the affected locales."""
    _synonyms_client(SYNONYMS_PUBLISH_TIMEOUT).index(
        index=synonyms_index_name(),
        id=str(pk),
        document={"language": language, "rules": rules},
        refresh="wait_for",
    )


def delete_synonym_rule(pk: int) -> None:
    try:
        _synonyms_client(SYNONYMS_PUBLISH_TIMEOUT).delete(
            index=synonyms_index_name(), id=str(pk), refresh="wait_for"
        )
    except NotFoundError:
        pass


def put_synonyms(language: str, rules: dict[int, str]) -> None:
    """Make `rules` ({id: "a, b, c"}) all the synonyms of `language` (on rebuilds) and reload
    the locale's search analyzers."""
    es = _synonyms_client(INDEXING_TIMEOUT)
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
