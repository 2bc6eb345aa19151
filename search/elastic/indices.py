"""Each locale's visitor index: its definition (mappings, the language's analysis) and its
lifecycle. `content` gathers title, summary, keywords and body (`copy_to`) for the
whole-article autocomplete: words as written with their prefixes indexed (`index_prefixes`, so
the word being typed is a cheap term lookup), and stemmed (`content.stemmed`, with the editors'
synonyms at search time). A locale's index lives behind its alias (`client.alias_name`);
`rebuild` fills a new index (search.elastic.bulk), warms it with the language's recent popular
queries (search.elastic.warming) and then moves the alias, so searches never see a half-built or
cold index."""

import time

from django.conf import settings
from elasticsearch import NotFoundError

from .. import embeddings, suggestion_cache
from ..analysis import index_analysis
from ..settings import INDEXING_TIMEOUT
from . import bulk, warming
from .capabilities import synonyms_mode
from .client import alias_name, client
from .synonyms import ensure_set, filter_definition

# Prefixes of `content` words up to this length are indexed; a longer typed word is a prefix
# query on few terms.
CONTENT_PREFIX_CHARS = 8


def index_body(language: str, mode: str) -> dict:
    """The locale's index definition; `mode` (capabilities.STOCK or PLUGIN) picks the synonyms
    filter of its search analyzers, everything else is the same on both."""
    text = {"type": "text", "analyzer": "text", "search_analyzer": "text_search"}
    prefix = {"type": "text", "analyzer": "prefix", "search_analyzer": "prefix_search"}
    # As written: typos, "did you mean", CJK synonyms.
    words = {"type": "text", "analyzer": "plain", "search_analyzer": "plain_search"}
    whole_article = {"copy_to": "content"}
    return {
        "settings": {
            "number_of_shards": settings.SEARCH_SHARDS,
            "number_of_replicas": settings.SEARCH_REPLICAS,
            "analysis": index_analysis(language, filter_definition(language, mode)),
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "title": {**text, **whole_article, "fields": {"prefix": prefix, "words": words}},
                "display_title": {"type": "keyword", "index": False},
                "summary": {**text, **whole_article, "fields": {"words": words}},
                "keywords": {**text, **whole_article},
                "body": {**text, **whole_article},
                "content": {
                    **words,
                    "index_prefixes": {"min_chars": 1, "max_chars": CONTENT_PREFIX_CHARS},
                    "fields": {"stemmed": text},
                },
                "kind": {"type": "keyword"},
                "audience": {"type": "keyword"},
                "topics": {"type": "long"},
                "url": {"type": "keyword"},
                "path": {"type": "keyword"},
                "tree": {"type": "keyword"},  # the ancestors' paths: scopes (search.documents)
                "snippet": {"type": "keyword", "index": False},
                "popularity": {"type": "integer"},
                # One vector per passage (search.passages), for kNN (decision 0016).
                "passages": {
                    "type": "nested",
                    "properties": {
                        "anchor": {"type": "keyword", "index": False},
                        "text": {"type": "text", "index": False},
                        # The language of the passage's text (a locale's vote: decision 0016).
                        "language": {"type": "keyword"},
                        embeddings.VECTOR_FIELD: {
                            "type": "dense_vector",
                            "dims": embeddings.DIMENSIONS,
                            "index": True,
                            "similarity": "dot_product",
                            # 8-bit quantised HNSW: a quarter of float32's memory, near its
                            # precision (the default for this many numbers, bbq, loses too much).
                            "index_options": {"type": "int8_hnsw"},
                        },
                    },
                },
            },
        },
    }


def _create(es, name: str, language: str, **extra_settings) -> None:
    """Creates the concrete index `name` for the cluster's synonyms mode (its synonyms set
    first, in stock mode)."""
    mode = synonyms_mode()
    ensure_set(language)
    body = index_body(language, mode)
    body["settings"].update(extra_settings)
    es.indices.create(index=name, **body)


# Languages whose index this process has seen with every field of the current mapping.
_current: set[str] = set()


def ensure_index(language: str) -> None:
    """The locale's index exists behind its alias; an index made before a field was added
    (`passages`, `tree`) gets the field's mapping (adding fields is allowed in place; documents
    get them as they are indexed again, all at once with `update_index`)."""
    es = client().options(request_timeout=INDEXING_TIMEOUT)
    alias = alias_name(language)
    if not es.indices.exists_alias(name=alias):
        name = f"{alias}-{int(time.time() * 1000)}"
        _create(es, name, language)
        es.indices.put_alias(index=name, name=alias)
    elif language not in _current:
        properties = index_body(language, synonyms_mode())["mappings"]["properties"]
        added = {name: properties[name] for name in ("passages", "tree")}
        es.indices.put_mapping(index=alias, properties=added)
    _current.add(language)


def put_document(language: str, page_id: int, doc: dict, refresh: bool = False) -> None:
    ensure_index(language)
    client().options(request_timeout=INDEXING_TIMEOUT).index(
        index=alias_name(language), id=str(page_id), document=doc, refresh=refresh
    )
    suggestion_cache.invalidate()


def delete_document(language: str, page_id: int, refresh: bool = False) -> None:
    try:
        client().options(request_timeout=INDEXING_TIMEOUT).delete(
            index=alias_name(language), id=str(page_id), refresh=refresh
        )
    except NotFoundError:
        pass
    suggestion_cache.invalidate()


def rebuild(language: str, docs, warm_queries=(), progress=None) -> int:
    """Index `docs` ((page_id, document) pairs) into a new index, warm it with `warm_queries`
    (search.elastic.warming: on every node's copies), then point the alias at it and drop the
    old one: zero downtime for searches. `progress(count)` is called as documents are sent."""
    es = client().options(request_timeout=INDEXING_TIMEOUT)
    alias = alias_name(language)
    name = f"{alias}-{int(time.time() * 1000)}"
    # While it is filled: no refresh, no replicas (they copy the finished segments afterwards).
    _create(es, name, language, refresh_interval="-1", number_of_replicas=0)
    actions = ({"_index": name, "_id": str(pk), "_source": doc} for pk, doc in docs)
    count = bulk.send(es, actions, progress)
    es.indices.put_settings(
        index=name,
        settings={
            "index": {"refresh_interval": "1s", "number_of_replicas": settings.SEARCH_REPLICAS}
        },
    )
    es.indices.refresh(index=name)
    bulk.wait_for_copies(es, name, settings.SEARCH_SHARDS * (1 + settings.SEARCH_REPLICAS))
    warming.warm(es, name, language, warm_queries)
    old = (
        list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
    )
    if es.indices.exists(index=alias) and not old:
        es.indices.delete(index=alias)  # a plain index squatting on the alias name
    actions_ = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions_.append({"add": {"index": name, "alias": alias}})
    es.indices.update_aliases(actions=actions_)
    suggestion_cache.invalidate()
    for index in old:
        es.indices.delete(index=index)
    return count


def refresh(language: str) -> None:
    client().options(request_timeout=INDEXING_TIMEOUT).indices.refresh(index=alias_name(language))
