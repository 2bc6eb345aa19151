"""The Elasticsearch side: one index per locale (behind an alias), indexing and queries.

Each locale's index is analysed for its language (search.analysis.index_analysis); a query only
ever reads the index of the visitor's locale. Rebuilds write a new index and then move the
alias, so searches never see a half-built index.
"""

import logging
import time
from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError, helpers

from .analysis import index_analysis, normalise

logger = logging.getLogger(__name__)

INDEXING_TIMEOUT = 30
TYPO_FUZZINESS = "AUTO:5,100"  # no edit below 5 letters, one edit from 5 letters on


def enabled() -> bool:
    return bool(getattr(settings, "SEARCH_URL", ""))


def query_timeout() -> float:
    """Seconds: a slower Elasticsearch is treated as down for that request (SEARCH_TIMEOUT)."""
    return settings.SEARCH_TIMEOUT


@lru_cache(maxsize=4)
def _client(url: str, timeout: float) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def client() -> Elasticsearch:
    return _client(settings.SEARCH_URL, query_timeout())


def _prefix() -> str:
    return settings.SEARCH_INDEX_PREFIX or "helpcenter"


def alias_name(language: str) -> str:
    return f"{_prefix()}-pages-{language}"


def synonyms_index_name() -> str:
    """The index of editors' synonym rules ({"language", "rules"}), read by the `synonyms`
    filter of every locale's index when its search analyzers are reloaded."""
    return f"{_prefix()}-synonyms"


def index_body(language: str) -> dict:
    text = {"type": "text", "analyzer": "text", "search_analyzer": "text_search"}
    prefix = {"type": "text", "analyzer": "prefix", "search_analyzer": "prefix_search"}
    # As written: typos, "did you mean", CJK synonyms.
    words = {"type": "text", "analyzer": "plain", "search_analyzer": "plain_search"}
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": index_analysis(language, synonyms_index_name()),
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "title": {**text, "fields": {"prefix": prefix, "words": words}},
                "display_title": {"type": "keyword", "index": False},
                "summary": {**text, "fields": {"words": words}},
                "body": text,
                "kind": {"type": "keyword"},
                "audience": {"type": "keyword"},
                "topics": {"type": "long"},
                "url": {"type": "keyword"},
                "snippet": {"type": "keyword", "index": False},
                "popularity": {"type": "integer"},
            },
        },
    }


# --- Synonyms -------------------------------------------------------------------------------


# An editor's save waits for this at most (seconds per call); failures are logged, the save
# stands, and the next change or `update_index` publishes again.
PUBLISH_TIMEOUT = 5


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


def reload_synonyms(language: str, timeout: float = PUBLISH_TIMEOUT) -> None:
    """Reload the search analyzers of the locale's index: its synonyms apply at once."""
    es = client().options(request_timeout=timeout)
    if es.indices.exists_alias(name=alias_name(language)):
        es.indices.reload_search_analyzers(index=alias_name(language))


def put_synonym_rule(pk: int, language: str, rules: str) -> None:
    """One editor's synonym set ("a, b, c"), stored under its id (a change of language moves
    it); the caller reloads the affected locales."""
    _synonyms_client(PUBLISH_TIMEOUT).index(
        index=synonyms_index_name(),
        id=str(pk),
        document={"language": language, "rules": rules},
        refresh="wait_for",
    )


def delete_synonym_rule(pk: int) -> None:
    try:
        _synonyms_client(PUBLISH_TIMEOUT).delete(
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


# --- Indexing --------------------------------------------------------------------------------


def ensure_index(language: str) -> None:
    es = client().options(request_timeout=INDEXING_TIMEOUT)
    alias = alias_name(language)
    if not es.indices.exists_alias(name=alias):
        name = f"{alias}-{int(time.time() * 1000)}"
        es.indices.create(index=name, **index_body(language))
        es.indices.put_alias(index=name, name=alias)


def put_document(language: str, page_id: int, doc: dict, refresh: bool = False) -> None:
    ensure_index(language)
    client().options(request_timeout=INDEXING_TIMEOUT).index(
        index=alias_name(language), id=str(page_id), document=doc, refresh=refresh
    )


def delete_document(language: str, page_id: int, refresh: bool = False) -> None:
    try:
        client().options(request_timeout=INDEXING_TIMEOUT).delete(
            index=alias_name(language), id=str(page_id), refresh=refresh
        )
    except NotFoundError:
        pass


def rebuild(language: str, docs) -> int:
    """Index `docs` ((page_id, document) pairs) into a new index, then point the alias at it
    and drop the old one: zero downtime for searches."""
    es = client().options(request_timeout=INDEXING_TIMEOUT)
    alias = alias_name(language)
    name = f"{alias}-{int(time.time() * 1000)}"
    body = index_body(language)
    body["settings"]["refresh_interval"] = "-1"
    es.indices.create(index=name, **body)
    actions = ({"_index": name, "_id": str(pk), "_source": doc} for pk, doc in docs)
    count, _errors = helpers.bulk(es, actions, chunk_size=500)  # es carries the timeout
    es.indices.put_settings(index=name, settings={"index": {"refresh_interval": "1s"}})
    es.indices.refresh(index=name)
    old = (
        list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
    )
    if es.indices.exists(index=alias) and not old:
        es.indices.delete(index=alias)  # a plain index squatting on the alias name
    actions_ = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions_.append({"add": {"index": name, "alias": alias}})
    es.indices.update_aliases(actions=actions_)
    for index in old:
        es.indices.delete(index=index)
    return count


def refresh(language: str) -> None:
    client().options(request_timeout=INDEXING_TIMEOUT).indices.refresh(index=alias_name(language))


def ping() -> bool:
    try:
        client().cluster.health(timeout="400ms")
    except Exception:
        return False
    return True


# --- Queries ---------------------------------------------------------------------------------


def _popularity(query: dict) -> dict:
    return {
        "function_score": {
            "query": query,
            "functions": [
                {"field_value_factor": {"field": "popularity", "modifier": "log1p", "missing": 0}}
            ],
            "boost_mode": "sum",
        }
    }


def autocomplete(text: str, language: str, limit: int) -> list[dict]:
    """Pages whose title words start with the typed words (edge n-grams), nearly match them
    (one typo from 5 letters on), or mean the same (the editors' synonyms, at search time)."""
    should = [
        {"match": {"title.prefix": {"query": text, "operator": "and", "boost": 3}}},
        {"match": {"title": {"query": text, "operator": "and", "boost": 2}}},
        {
            "match": {
                "title.words": {
                    "query": text,
                    "fuzziness": TYPO_FUZZINESS,
                    "prefix_length": 1,
                    "operator": "and",
                    "boost": 1.5,
                }
            }
        },
    ]
    query = _popularity({"bool": {"should": should, "minimum_should_match": 1}})
    response = client().search(
        index=alias_name(language),
        query=query,
        size=limit,
        source=["display_title", "url", "kind", "snippet"],
        track_total_hits=False,
        filter_path=["hits.hits._source"],
    )
    return [
        {
            "title": hit["_source"]["display_title"],
            "url": hit["_source"]["url"],
            "kind": hit["_source"]["kind"],
            "snippet": hit["_source"]["snippet"],
        }
        for hit in response.get("hits", {}).get("hits", [])
    ]


def search(
    text: str,
    language: str,
    offset: int,
    size: int,
    topic: int | None = None,
    audience: str = "",
    exclude_urls: tuple[str, ...] = (),
) -> dict:
    """Articles and tutorials for the results page: hits with highlighted snippets, the total,
    and a spelling correction of the visitor's words."""
    should = [
        {
            "multi_match": {
                "query": text,
                "fields": ["title^4", "summary^2", "body"],
            }
        },
        {
            "multi_match": {
                "query": text,
                "fields": ["title.words^2", "summary.words"],
                "fuzziness": TYPO_FUZZINESS,
                "prefix_length": 1,
            }
        },
    ]
    filters: list[dict] = [{"terms": {"kind": ["article", "tutorial"]}}]
    if topic:
        filters.append({"term": {"topics": topic}})
    if audience:
        filters.append({"terms": {"audience": [audience, "both"]}})
    must_not = [{"terms": {"url": list(exclude_urls)}}] if exclude_urls else []
    query = {
        "bool": {
            "should": should,
            "minimum_should_match": 1,
            "filter": filters,
            "must_not": must_not,
        }
    }
    response = client().search(
        index=alias_name(language),
        query=_popularity(query),
        from_=offset,
        size=size,
        source=["display_title", "url", "kind", "snippet"],
        highlight={
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                "summary": {"number_of_fragments": 0},
                "body": {"fragment_size": 160, "number_of_fragments": 1},
            },
        },
        suggest={
            "text": text,
            "did_you_mean": {
                "term": {
                    "field": "title.words",
                    "analyzer": "plain",
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                    "sort": "frequency",
                }
            },
            "did_you_mean_body": {
                "term": {
                    "field": "summary.words",
                    "analyzer": "plain",
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                }
            },
        },
    )
    hits = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        highlight = hit.get("highlight", {})
        hits.append(
            {
                "title": source["display_title"],
                "url": source["url"],
                "kind": source["kind"],
                "snippet": source["snippet"],
                "highlight": (highlight.get("summary") or highlight.get("body") or [""])[0],
            }
        )
    total = response["hits"]["total"]["value"]
    return {
        "hits": hits,
        "total": total,
        "correction": _correction(text, response.get("suggest", {}), language),
    }


def _correction(query: str, suggest: dict, language: str) -> str:
    best: dict[str, tuple[float, str]] = {}
    for name in ("did_you_mean", "did_you_mean_body"):
        for entry in suggest.get(name, []):
            for option in entry.get("options", [])[:1]:
                score = option.get("score", 0) * (1 + option.get("freq", 0))
                if entry["text"] not in best or best[entry["text"]][0] < score:
                    best[entry["text"]] = (score, option["text"])
    if not best:
        return ""
    corrected = query
    for word, (_score, replacement) in best.items():
        corrected = corrected.replace(word, replacement)
    corrected = normalise(corrected, language)
    return corrected if corrected != query else ""
